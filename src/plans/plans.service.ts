import { seesEveryProvince } from '../auth/jurisdiction';
import { statesTagged } from '../dossiers/dossier-rules';
import { In, type EntityManager } from 'typeorm';
import { Dossier, Plan, PlanNamedUnit, PlanTarget, PlanYear, Province, Unit } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { endOfVnDay } from '../calendar/time';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { recordAdminEvent } from '../audit/admin-events.service';
import { extendSubmissionDeadline } from '../dossiers/extension.service';
import { ConflictError, NotFoundError, RuleError } from '../http/errors';
import { assertNoOverlap, assertPlanValid } from './plan-rules';
import type { PlanInput, PlanUpdate, PlanYearInput } from './plan.schemas';
import { planView, type PlanView } from './plan.view';

/** The province a new plan belongs to: the one given, or the only one of the installation. */
async function resolveProvince(em: EntityManager, provinceId: string | undefined): Promise<string> {
  if (provinceId) {
    const province = await em.findOneBy(Province, { id: provinceId });
    if (!province) {
      throw new RuleError('unknown_province', 'Không có tỉnh này.', {
        fields: [{ field: 'provinceId', code: 'unknown_province', message: 'Không có tỉnh này.' }],
      });
    }
    return province.id;
  }
  const provinces = await em.find(Province, { select: { id: true }, take: 2 });
  if (provinces.length !== 1) {
    throw new RuleError('province_required', 'Vui lòng chọn tỉnh của kế hoạch.', {
      fields: [{ field: 'provinceId', code: 'required', message: 'Vui lòng chọn tỉnh.' }],
    });
  }
  return provinces[0].id;
}

function yearFields(y: PlanYearInput): Omit<PlanYear, 'id' | 'planId' | 'provinceId'> {
  return {
    year: y.year,
    registrationDeadline: y.registrationDeadline,
    submissionDeadline: y.submissionDeadline,
    districtReviewDeadline: y.districtReviewDeadline,
    appraisalDeadline: y.appraisalDeadline,
    sixMonthReportDeadline: y.sixMonthReportDeadline,
    annualReportDeadline: y.annualReportDeadline,
  };
}

/** Replaces the plan's targets and named units with those of `input`. */
async function writeTargets(em: EntityManager, planId: string, input: PlanInput): Promise<void> {
  await em.delete(PlanTarget, { planId });
  await em.delete(PlanNamedUnit, { planId });
  for (const y of input.years) {
    const targets = y.targets.map((t, position) => ({ id: newId(), planId, year: y.year, position, ...t }));
    if (targets.length) await em.insert(PlanTarget, targets);
    const named = y.namedUnitIds.map((unitId, position) => ({
      id: newId(),
      planId,
      year: y.year,
      unitId,
      position,
    }));
    if (named.length) await em.insert(PlanNamedUnit, named);
  }
}

/** Loads a plan with everything it holds, as the API shows it. */
export async function loadPlanView(em: EntityManager, plan: Plan): Promise<PlanView> {
  const [years, targets, named] = await Promise.all([
    em.find(PlanYear, { where: { planId: plan.id } }),
    em.find(PlanTarget, { where: { planId: plan.id } }),
    em.find(PlanNamedUnit, { where: { planId: plan.id } }),
  ]);
  const units = named.length ? await em.find(Unit, { where: { id: In(named.map((n) => n.unitId)) } }) : [];
  return planView(plan, years, targets, named, new Map(units.map((u) => [u.id, u])));
}

/** Inserts a validated plan in transaction `em` (also used to load the demo data). */
export async function insertPlan(
  em: EntityManager,
  provinceId: string,
  input: PlanInput,
  at: string,
): Promise<Plan> {
  await assertPlanValid(em, input, provinceId);
  await assertNoOverlap(
    em,
    provinceId,
    input.years.map((y) => y.year),
    null,
  );
  const plan = em.create(Plan, {
    id: newId(),
    provinceId,
    reference: input.reference,
    title: input.title,
    startYear: input.startYear,
    endYear: input.endYear,
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  await em.insert(Plan, plan);
  for (const y of input.years) {
    await em.insert(PlanYear, { id: newId(), planId: plan.id, provinceId, ...yearFields(y) });
  }
  await writeTargets(em, plan.id, input);
  return plan;
}

/** Creates a plan with its years, deadlines, targets and named units (admin). 409 when a year is taken. */
export async function createPlan(ctx: AppContext, user: CurrentUser, input: PlanInput): Promise<PlanView> {
  assertMay(user, 'admin.manage');
  return inTransaction(ctx.ds, async (em) => {
    const provinceId = await resolveProvince(em, input.provinceId);
    const plan = await insertPlan(em, provinceId, input, ctx.clock().toISOString());
    await recordAdminEvent(
      em,
      user,
      { action: 'plan.created', targetType: 'plan', targetId: plan.id, summary: `Tạo ${plan.title}.` },
      ctx.clock(),
    );
    return loadPlanView(em, plan);
  });
}

/**
 * Moves a plan year's submission deadline. Dossiers not yet submitted that still had the old plan
 * deadline get the new one through the machine's EXTEND_DEADLINE (audited); a shorter deadline is refused
 * while such dossiers exist, because it would take time away from units already working.
 */
async function moveSubmissionDeadline(
  ctx: AppContext,
  em: EntityManager,
  user: CurrentUser,
  planYear: PlanYear,
  next: string,
): Promise<void> {
  const oldEnd = endOfVnDay(planYear.submissionDeadline);
  const open = (
    await em.find(Dossier, {
      where: { planYearId: planYear.id, state: In(statesTagged('preparing')) },
    })
  ).filter((d) => d.snapshot.context.submissionDeadline === oldEnd);
  if (!open.length) return;
  if (next < planYear.submissionDeadline) {
    throw new ConflictError(
      'deadline_shortened',
      `Không thể rút ngắn hạn nộp hồ sơ năm ${planYear.year} khi còn ${open.length} hồ sơ đang chuẩn bị.`,
      { year: planYear.year, dossierIds: open.map((d) => d.id) },
    );
  }
  for (const dossier of open) {
    await extendSubmissionDeadline(ctx, em, user, dossier, {
      until: next,
      reason: `Điều chỉnh hạn nộp hồ sơ theo kế hoạch năm ${planYear.year}`,
      version: dossier.version,
    });
  }
}

/** Writes the plan's years: updates kept ones, adds new ones, removes unused ones (409 if in use). */
async function writeYears(
  ctx: AppContext,
  em: EntityManager,
  user: CurrentUser,
  plan: Plan,
  input: PlanInput,
): Promise<void> {
  const existing = await em.find(PlanYear, { where: { planId: plan.id } });
  for (const old of existing) {
    const y = input.years.find((x) => x.year === old.year);
    if (!y) {
      const used = await em.count(Dossier, { where: { planYearId: old.id } });
      if (used) {
        throw new ConflictError(
          'plan_year_in_use',
          `Năm ${old.year} đã có ${used} hồ sơ, không thể xóa khỏi kế hoạch.`,
          {
            year: old.year,
          },
        );
      }
      await em.delete(PlanYear, { id: old.id });
      continue;
    }
    if (y.submissionDeadline !== old.submissionDeadline) {
      await moveSubmissionDeadline(ctx, em, user, old, y.submissionDeadline);
    }
    await em.update(PlanYear, { id: old.id }, yearFields(y));
  }
  for (const y of input.years.filter((x) => !existing.some((o) => o.year === x.year))) {
    await em.insert(PlanYear, {
      id: newId(),
      planId: plan.id,
      provinceId: plan.provinceId,
      ...yearFields(y),
    });
  }
}

/** Replaces a plan's contents (admin), checked against the version the editor read (409 when stale). */
export async function updatePlan(
  ctx: AppContext,
  user: CurrentUser,
  planId: string,
  input: PlanUpdate,
): Promise<PlanView> {
  assertMay(user, 'admin.manage');
  return inTransaction(ctx.ds, async (em) => {
    const plan = await em.findOneBy(Plan, { id: planId });
    if (!plan) throw new NotFoundError('plan_not_found', 'Không tìm thấy kế hoạch.');
    if (input.provinceId && input.provinceId !== plan.provinceId) {
      throw new RuleError('province_fixed', 'Không thể chuyển kế hoạch sang tỉnh khác.', {
        fields: [
          { field: 'provinceId', code: 'province_fixed', message: 'Không thể đổi tỉnh của kế hoạch.' },
        ],
      });
    }
    await assertPlanValid(em, input, plan.provinceId);
    await assertNoOverlap(
      em,
      plan.provinceId,
      input.years.map((y) => y.year),
      plan.id,
    );
    const at = ctx.clock().toISOString();
    const result = await em
      .createQueryBuilder()
      .update(Plan)
      .set({
        reference: input.reference,
        title: input.title,
        startYear: input.startYear,
        endYear: input.endYear,
        updatedAt: at,
        version: () => 'version + 1',
      })
      .where('id = :id AND version = :version', { id: plan.id, version: input.version })
      .execute();
    if (result.affected !== 1) {
      throw new ConflictError(
        'stale_version',
        'Kế hoạch đã được người khác sửa. Vui lòng tải lại rồi sửa lại.',
        {
          currentVersion: plan.version,
        },
      );
    }
    await writeYears(ctx, em, user, plan, input);
    await writeTargets(em, plan.id, input);
    const saved = await em.findOneByOrFail(Plan, { id: plan.id });
    await recordAdminEvent(
      em,
      user,
      {
        action: 'plan.updated',
        targetType: 'plan',
        targetId: plan.id,
        summary: `Sửa ${saved.title} (phiên bản ${saved.version}).`,
      },
      ctx.clock(),
    );
    return loadPlanView(em, saved);
  });
}

/** Plans the user may read: those of their province (all for the admin), newest period first. */
export async function listPlans(ctx: AppContext, user: CurrentUser, year?: number): Promise<PlanView[]> {
  const em = ctx.ds.manager;
  const where = seesEveryProvince(user) ? {} : { provinceId: user.provinceId ?? '' };
  let plans = await em.find(Plan, { where, order: { startYear: 'DESC', createdAt: 'DESC' } });
  if (year !== undefined) plans = plans.filter((p) => p.startYear <= year && year <= p.endYear);
  return Promise.all(plans.map((p) => loadPlanView(em, p)));
}

/** One plan, 404 outside the user's province. */
export async function getPlan(ctx: AppContext, user: CurrentUser, planId: string): Promise<PlanView> {
  const em = ctx.ds.manager;
  const plan = await em.findOneBy(Plan, { id: planId });
  if (!plan || (user.role !== 'admin' && plan.provinceId !== user.provinceId)) {
    throw new NotFoundError('plan_not_found', 'Không tìm thấy kế hoạch.');
  }
  return loadPlanView(em, plan);
}
