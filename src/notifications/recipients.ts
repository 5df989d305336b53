import { In, type EntityManager } from 'typeorm';
import type { DossierState } from '../../machines/dossier.machine';
import type { Role } from '../../machines/domain';
import { User, type Dossier } from '../../entities';

/** Who must act on a dossier in each state (the role whose event moves it on). */
export const ACTING_ROLE: Partial<Record<DossierState, Role>> = {
  nominated: 'unit_officer',
  self_assessment: 'unit_officer',
  district_review: 'district_reviewer',
  provincial_appraisal: 'provincial_appraiser',
  awaiting_decision: 'internal_affairs_officer',
  award_proposed: 'internal_affairs_officer',
};

/** Outcomes the unit is told about although nobody has to act on them. */
export const UNIT_OUTCOMES: readonly DossierState[] = ['recognized', 'awarded', 'rejected', 'revoked'];

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
        : role === 'admin'
          ? null
          : { provinceId: place.provinceId };
  if (!scope) return [];
  const users = await em.find(User, { where: { role: In([role]), active: true, ...scope } });
  return users.filter((u) => role === 'unit_officer' || u.unitId !== place.unitId);
}
