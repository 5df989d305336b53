import type { Role } from '../../machines/domain';

/** The logged-in user as services see it (no password hash). */
export interface CurrentUser {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  provinceId: string | null;
  districtId: string | null;
  unitId: string | null;
}

/** The author of a system-made change (CLI, jobs). */
export interface SystemActor {
  id: null;
  username: string;
  role: 'system';
}

export type Actor = CurrentUser | SystemActor;
