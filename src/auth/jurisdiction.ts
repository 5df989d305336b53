import type { CurrentUser } from './current-user';

/** Where a unit or dossier sits in the province → district → unit hierarchy. */
export interface Placement {
  unitId: string;
  provinceId: string;
  districtId: string | null;
}

/**
 * Whether the place is inside the user's jurisdiction: a unit officer sees their unit, a district
 * reviewer their district, the provincial roles their province, the admin everything.
 */
export function inJurisdiction(user: CurrentUser, place: Placement): boolean {
  switch (user.role) {
    case 'admin':
    case 'ministry':
      return true;
    case 'unit_officer':
      return user.unitId !== null && place.unitId === user.unitId;
    case 'district_reviewer':
      return user.districtId !== null && place.districtId === user.districtId;
    case 'provincial_appraiser':
    case 'internal_affairs_officer':
    case 'signer':
    case 'clerk':
      return user.provinceId !== null && place.provinceId === user.provinceId;
    default: {
      const unreachable: never = user.role;
      return unreachable;
    }
  }
}

/** The same rule as a filter on columns `unitId`, `districtId`, `provinceId` (for list queries). */
export function jurisdictionFilter(
  user: CurrentUser,
): { unitId: string } | { districtId: string } | { provinceId: string } | Record<string, never> | null {
  switch (user.role) {
    case 'admin':
    case 'ministry':
      return {};
    case 'unit_officer':
      return user.unitId ? { unitId: user.unitId } : null;
    case 'district_reviewer':
      return user.districtId ? { districtId: user.districtId } : null;
    case 'provincial_appraiser':
    case 'internal_affairs_officer':
    case 'signer':
    case 'clerk':
      return user.provinceId ? { provinceId: user.provinceId } : null;
    default: {
      const unreachable: never = user.role;
      return unreachable;
    }
  }
}

/** Whether the user's jurisdiction is every province (the admin, the Ministry). */
export const seesEveryProvince = (user: CurrentUser): boolean => {
  const scope = jurisdictionFilter(user);
  return scope !== null && Object.keys(scope).length === 0;
};
