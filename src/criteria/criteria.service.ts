import type { EntityManager } from 'typeorm';
import type { UnitType } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { findActiveCriteriaSet } from '../dossiers/open-dossier.service';
import { getCriteriaSetWithItems, type CriteriaSetWithItems } from '../dossiers/dossier-facts';
import { NotFoundError, ValidationError } from '../http/errors';
import { CriteriaSet, Criterion } from '../../entities';
import { inTransaction } from '../db/transactions';
import { recordAdminEvent } from '../audit/admin-events.service';
import type { Actor } from '../auth/current-user';
import { activateCriteriaSet, importCriteriaSet } from './criteria-import';

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
    /** The Ministry's official set (QĐ 9745): decisions cite its legal basis only then. */
    official: set.official,
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

/** Every version of every criteria set, newest first within a code. */
export async function listCriteriaSets(ctx: AppContext) {
  const sets = await ctx.ds.getRepository(CriteriaSet).find({ order: { code: 'ASC', version: 'DESC' } });
  const counts = await ctx.ds
    .getRepository(Criterion)
    .createQueryBuilder('c')
    .select('c.criteriaSetId', 'id')
    .addSelect('COUNT(*)', 'n')
    .groupBy('c.criteriaSetId')
    .getRawMany<{ id: string; n: string | number }>();
  const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return sets.map((s) => ({ ...s, itemCount: byId.get(s.id) ?? 0 }));
}

/** Imports a criteria set from JSON text (admin page); 400 for text that is not JSON. */
export async function importCriteriaSetJson(ctx: AppContext, actor: Actor, text: string, activate: boolean) {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ValidationError('malformed_json', 'Tệp không phải JSON hợp lệ.', {
      fields: [{ field: 'json', code: 'malformed_json', message: 'Tệp không phải JSON hợp lệ.' }],
    });
  }
  return inTransaction(ctx.ds, async (em) => {
    const set = await importCriteriaSet(em, raw, { activate, now: ctx.clock().toISOString() });
    await recordAdminEvent(em, actor, {
      action: activate ? 'criteria.imported_activated' : 'criteria.imported',
      targetType: 'criteria_set',
      targetId: set.id,
      summary: `Nhập bộ tiêu chí ${set.code} phiên bản ${set.version}${activate ? ' và áp dụng' : ''}.`,
    });
    return set;
  });
}

/**
 * Marks a version as the Ministry's official set (or not): decisions drafted afterwards cite its legal
 * basis (QĐ 9745/QĐ-BCA-V05) only for dossiers scored against an official set. Admin only, logged.
 */
export async function markCriteriaSetOfficial(ctx: AppContext, actor: Actor, id: string, official: boolean) {
  return inTransaction(ctx.ds, async (em) => {
    const set = await em.findOneBy(CriteriaSet, { id });
    if (!set) throw new NotFoundError('criteria_set_not_found', 'Không tìm thấy bộ tiêu chí.');
    await em.update(CriteriaSet, { id }, { official });
    await recordAdminEvent(em, actor, {
      action: official ? 'criteria.marked_official' : 'criteria.unmarked_official',
      targetType: 'criteria_set',
      targetId: set.id,
      summary: `${official ? 'Đánh dấu' : 'Bỏ đánh dấu'} bộ tiêu chí ${set.code} phiên bản ${set.version} là bộ tiêu chí chính thức của Bộ Công an.`,
    });
    return { ...set, official };
  });
}

/** Makes a version the one new dossiers are opened with (open dossiers keep theirs). */
export async function activateCriteriaSetById(ctx: AppContext, actor: Actor, id: string) {
  return inTransaction(ctx.ds, async (em) => {
    const set = await em.findOneBy(CriteriaSet, { id });
    if (!set) throw new NotFoundError('criteria_set_not_found', 'Không tìm thấy bộ tiêu chí.');
    await activateCriteriaSet(em, set);
    await recordAdminEvent(em, actor, {
      action: 'criteria.activated',
      targetType: 'criteria_set',
      targetId: set.id,
      summary: `Áp dụng bộ tiêu chí ${set.code} phiên bản ${set.version} cho hồ sơ đăng ký mới.`,
    });
    return set;
  });
}
