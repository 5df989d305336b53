import type { DossierState } from '../../machines/dossier.machine';
import { nextDossierCode } from './dossier-code';
import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import { DOSSIER_MACHINE_VERSION } from '../../machines/dossier.machine';
import { CriteriaSet, Dossier, PlanYear, Unit } from '../../entities';
import type { AppContext } from '../app-context';
import { appendAuditEvent } from '../audit/audit.service';
import { endOfVnDay, vnDate } from '../calendar/time';
import type { CurrentUser } from '../auth/current-user';
import { inJurisdiction } from '../auth/jurisdiction';
import { assertMay } from '../auth/permissions';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '../http/errors';
import { notifyStageEntered } from './stage-notifications';
import { initialDossierSnapshot, storeDossierSnapshot } from './dossier-snapshot';
import type { OpenDossierBody } from './dossier.schemas';

/** The plan year still open for a province and year (until its submission deadline, VN time). */
export async function findOpenPlanYear(
  em: EntityManager,
  provinceId: string,
  year: number,
  today: string,
): Promise<PlanYear | undefined> {
  const open = await em.find(PlanYear, {
    where: { provinceId, year, submissionDeadline: MoreThanOrEqual(today) },
    order: { submissionDeadline: 'DESC' },
    take: 1,
  });
  return open[0];
}

/** The active criteria set for a unit type (the newest active version). */
export async function findActiveCriteriaSet(
  em: EntityManager,
  unitType: string,
): Promise<CriteriaSet | undefined> {
  const sets = await em.find(CriteriaSet, { where: { active: true }, order: { createdAt: 'DESC' } });
  return sets.find((s) => s.unitTypes.includes(unitType as CriteriaSet['unitTypes'][number]));
}

async function getUnitToNominate(em: EntityManager, user: CurrentUser, unitId: string): Promise<Unit> {
  const unit = await em.findOne(Unit, { where: { id: unitId } });
  if (
    !unit ||
    !inJurisdiction(user, { unitId: unit.id, provinceId: unit.provinceId, districtId: unit.districtId })
  ) {
    throw new NotFoundError('unit_not_found', 'Không tìm thấy đơn vị.');
  }
  if (user.role === 'district_reviewer' && unit.managedBy !== 'district') {
    throw new ForbiddenError(
      'unit_not_district_managed',
      'Đơn vị do cấp tỉnh quản lý; cấp huyện không đăng ký thay cho đơn vị này.',
    );
  }
  if (user.role !== 'unit_officer' && user.unitId === unit.id) {
    throw new ForbiddenError(
      'conflict_of_interest',
      'Bạn không được đăng ký hồ sơ cho đơn vị mình công tác.',
    );
  }
  if (!unit.active) throw new RuleError('unit_inactive', 'Đơn vị đã ngừng hoạt động.', { unitId });
  return unit;
}

/**
 * Opens the year's dossier for a unit (the machine's initial state): the unit's officer registers, or the district
 * nominates a unit it manages. Throws 403/404, 409 when the unit already has a dossier that year, 422 when
 * no plan is open for the year or no criteria set applies.
 */
export async function openDossier(
  ctx: AppContext,
  user: CurrentUser,
  body: OpenDossierBody,
): Promise<string> {
  assertMay(user, 'dossier.open');
  return inTransaction(ctx.ds, async (em) => {
    const unit = await getUnitToNominate(em, user, body.unitId);
    const existing = await em.findOne(Dossier, {
      where: { unitId: unit.id, year: body.year },
      select: { id: true },
    });
    if (existing) {
      throw new ConflictError('dossier_exists', `Đơn vị đã có hồ sơ năm ${body.year}.`, {
        dossierId: existing.id,
      });
    }
    const now = ctx.clock();
    const planYear = await findOpenPlanYear(em, unit.provinceId, body.year, vnDate(now));
    if (!planYear) {
      throw new RuleError('no_open_plan', `Không có kế hoạch năm ${body.year} đang mở đăng ký.`, {
        fields: [{ field: 'year', code: 'no_open_plan', message: 'Năm này không có kế hoạch đang mở.' }],
      });
    }
    const criteriaSet = await findActiveCriteriaSet(em, unit.type);
    if (!criteriaSet) {
      throw new RuleError('no_criteria_set', 'Chưa có bộ tiêu chí áp dụng cho loại đơn vị này.', {
        unitType: unit.type,
      });
    }
    const snapshot = initialDossierSnapshot({
      managedBy: unit.managedBy,
      submissionDeadline: endOfVnDay(planYear.submissionDeadline),
    });
    const at = now.toISOString();
    const state = snapshot.value as DossierState;
    const dossier = em.create(Dossier, {
      id: newId(),
      code: await nextDossierCode(em, unit.provinceId, body.year),
      unitId: unit.id,
      provinceId: unit.provinceId,
      districtId: unit.districtId,
      unitType: unit.type,
      year: body.year,
      state,
      version: 1,
      machineVersion: DOSSIER_MACHINE_VERSION,
      snapshot: storeDossierSnapshot(snapshot),
      criteriaSetId: criteriaSet.id,
      planYearId: planYear.id,
      report: null,
      stageEnteredAt: at,
      dueAt: snapshot.context.submissionDeadline,
      submittedAt: null,
      stageDaysUsed: {},
      createdById: user.id,
      createdAt: at,
      updatedAt: at,
    });
    await em.insert(Dossier, dossier);
    await appendAuditEvent(em, {
      dossierId: dossier.id,
      actor: user,
      at,
      type: 'CREATE',
      from: null,
      to: state,
      details: { year: body.year, criteriaSet: `${criteriaSet.code}@${criteriaSet.version}` },
    });
    // A district's nomination must be taken up by the unit (START): tell its officers.
    await notifyStageEntered(em, dossier, state, dossier.version, dossier.dueAt, user, at);
    return dossier.id;
  });
}
