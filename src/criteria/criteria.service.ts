import type { EntityManager } from 'typeorm';
import type { UnitType } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { findActiveCriteriaSet } from '../dossiers/open-dossier.service';
import { getCriteriaSetWithItems, type CriteriaSetWithItems } from '../dossiers/dossier-facts';
import { NotFoundError } from '../http/errors';

/** The criteria set as the API shows it (api.md "criteria set"). */
export function criteriaSetView({ set, items }: CriteriaSetWithItems) {
  return {
    id: set.id,
    code: set.code,
    version: set.version,
    title: set.title,
    unitTypes: set.unitTypes,
    passingScore: set.passingScore,
    maxTotal: items.reduce((sum, c) => sum + c.maxPoints, 0),
    active: set.active,
    legalBasis: set.legalBasis,
    items: items.map((c) => ({
      code: c.code,
      title: c.title,
      groupTitle: c.groupTitle,
      maxPoints: c.maxPoints,
      mandatory: c.mandatory,
      evidenceRequired: c.evidenceRequired,
      metAt: c.metAt ?? c.maxPoints,
    })),
  };
}

/** The active set that applies to a unit type; throws NotFoundError when none does. */
export async function getCurrentCriteriaSet(ctx: AppContext, unitType: UnitType) {
  const em: EntityManager = ctx.ds.manager;
  const set = await findActiveCriteriaSet(em, unitType);
  if (!set)
    throw new NotFoundError('criteria_set_not_found', 'Chưa có bộ tiêu chí áp dụng cho loại đơn vị này.');
  return criteriaSetView(await getCriteriaSetWithItems(em, set.id));
}

/** Any version of a criteria set by id; throws NotFoundError. */
export async function getCriteriaSet(ctx: AppContext, id: string) {
  return criteriaSetView(await getCriteriaSetWithItems(ctx.ds.manager, id));
}
