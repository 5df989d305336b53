import type { User } from '../../entities';
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
  /** After an admin reset: only changing the password (and logging out) is allowed. */
  mustChangePassword: boolean;
}

/** The author of a system-made change (CLI, jobs). */
export interface SystemActor {
  id: null;
  username: string;
  role: 'system';
}

export type Actor = CurrentUser | SystemActor;

/** The session-safe view of a user row. */
export function toCurrentUser(u: User): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    displayName: u.displayName,
    provinceId: u.provinceId,
    districtId: u.districtId,
    unitId: u.unitId,
    mustChangePassword: Boolean(u.mustChangePassword),
  };
}
