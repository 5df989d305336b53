import { In, type EntityManager } from 'typeorm';
import type { Role } from '../../machines/domain';
import { User, type Dossier } from '../../entities';

type Place = Pick<Dossier, 'unitId' | 'districtId' | 'provinceId'>;

/**
 * The active users of `role` whose scope covers the dossier: the unit's officers, the district's reviewers,
 * the province's appraisers or internal affairs officers. Reviewers who belong to the unit are left out
 * (they may not act on it).
 */
export async function usersInRoleFor(em: EntityManager, role: Role, place: Place): Promise<User[]> {
  const scope =
    role === 'unit_officer'
      ? { unitId: place.unitId }
      : role === 'district_reviewer'
        ? place.districtId
          ? { districtId: place.districtId }
          : null
        : role === 'admin' || role === 'ministry'
          ? null
          : { provinceId: place.provinceId };
  if (!scope) return [];
  const users = await em.find(User, { where: { role: In([role]), active: true, ...scope } });
  return users.filter((u) => role === 'unit_officer' || u.unitId !== place.unitId);
}

/** The active users of any of `roles` whose scope covers the dossier (see `usersInRoleFor`). */
export async function usersInRolesFor(
  em: EntityManager,
  roles: readonly Role[],
  place: Place,
): Promise<User[]> {
  const users: User[] = [];
  // One after another: inside a transaction they share one connection.
  for (const role of roles) users.push(...(await usersInRoleFor(em, role, place)));
  return users;
}
