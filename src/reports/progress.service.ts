import { Between, In, type EntityManager } from 'typeorm';
import type { DossierState } from '../../machines/dossier.machine';
import { District, Dossier, Plan, PlanNamedUnit, PlanTarget, PlanYear, Province, Unit } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { seesEveryProvince } from '../auth/jurisdiction';
import { assertMay } from '../auth/permissions';
import { NotFoundError, RuleError } from '../http/errors';
import { hasTag, stateLabel } from '../dossiers/dossier-rules';
import type { ProgressQuery } from './report.schemas';
import { buildRows, type ProgressRow } from './progress-rows';
import { dossiersAt, periodOf, type PeriodFacts } from './report-period';
import { evaluateTargets, tableFigures, type TargetResult } from './report-figures';

export type { TargetResult };

export interface NamedUnitResult {
  unitId: string;
  unitName: string;
  districtName: string;
  state: DossierState | null;
  stateLabel: string;
  recognized: boolean;
}

export interface ProgressReport {
  year: number;
  /** The instant the figures are taken at (the period's cut-off, or now before it). */
  asOf: string;
  period: PeriodFacts;
  /** `reportingBody`: the header of the body that issues the province's reports (empty: Công an tỉnh). */
  province: { id: string; name: string; shortName: string; reportingBody: string[] };
  districtId: string | null;
  /** The district a district's report is about (its own heading); null for the province's. */
  districtName: string | null;
  plan: { id: string; title: string; reference: string | null; startYear: number; endYear: number } | null;
  planYear: { sixMonthReportDeadline: string | null; annualReportDeadline: string | null } | null;
  rows: ProgressRow[];
  totals: {
    units: number;
    registered: number;
    submitted: number;
    recognized: number;
    target: number;
    targetAchieved: number;
    gap: number;
  };
  targets: TargetResult[];
  namedUnits: NamedUnitResult[];
  summary: string;
}

async function resolveScope(
  em: EntityManager,
  user: CurrentUser,
  query: ProgressQuery,
): Promise<{ province: Province; districtId: string | null }> {
  const nationwide = seesEveryProvince(user);
  const provinceId = nationwide ? query.provinceId : (user.provinceId ?? undefined);
  const province = provinceId
    ? await em.findOneBy(Province, { id: provinceId })
    : (await em.find(Province, { take: 2 })).length === 1
      ? (await em.find(Province, { take: 1 }))[0]
      : null;
  if (!province) {
    if (!provinceId && nationwide) {
      throw new RuleError('province_required', 'Vui lòng chọn tỉnh.', {
        fields: [{ field: 'provinceId', code: 'required', message: 'Vui lòng chọn tỉnh.' }],
      });
    }
    throw new NotFoundError('province_not_found', 'Không tìm thấy tỉnh.');
  }
  const districtId = user.role === 'district_reviewer' ? user.districtId : (query.districtId ?? null);
  if (districtId && !(await em.findOneBy(District, { id: districtId, provinceId: province.id }))) {
    throw new NotFoundError('district_not_found', 'Không tìm thấy huyện.');
  }
  return { province, districtId };
}

/** The units and dossiers a report counts, within the scope. */
async function loadFacts(
  em: EntityManager,
  provinceId: string,
  districtId: string | null,
  year: number,
  fromYear: number,
  period: PeriodFacts,
) {
  const place = { provinceId, ...(districtId ? { districtId } : {}) };
  const current = await em.find(Dossier, {
    where: { ...place, year: Between(fromYear, year) },
    select: { id: true, unitId: true, year: true, state: true, submittedAt: true },
  });
  // A period that has ended is reported as it stood then: later steps (a revocation…) change nothing.
  const dossiers = period.closed ? await dossiersAt(em, current, period.cutoff) : current;
  const withDossier = new Set(dossiers.filter((d) => d.year === year).map((d) => d.unitId));
  // A district's report covers the units it reviews: not the province-managed ones seated there.
  const units = (await em.find(Unit, { where: place })).filter(
    (u) => (u.active || withDossier.has(u.id)) && (!districtId || u.managedBy === 'district'),
  );
  const counted = new Set(units.map((u) => u.id));
  const thisYear = dossiers.filter((d) => d.year === year && counted.has(d.unitId));
  const inScope = dossiers.filter((d) => counted.has(d.unitId));
  const recognizedIn = (ds: Dossier[]) =>
    new Set(ds.filter((d) => hasTag(d.state, 'recognized')).map((d) => d.unitId));
  return {
    units,
    thisYear,
    recognizedThisYear: recognizedIn(thisYear),
    recognizedInPeriod: recognizedIn(inScope),
  };
}

/** The summary quotes the report's own figures: the targets' verdicts and the table's totals. */
export function summaryOf(r: Omit<ProgressReport, 'summary'>, where: string): string {
  const met = r.targets.filter((t) => t.met).length;
  const applicable = r.targets.filter((t) => t.verdict !== 'Không áp dụng').length;
  const named = r.namedUnits.filter((n) => n.recognized).length;
  const parts = [
    `${r.period.label.charAt(0).toUpperCase()}${r.period.label.slice(1)}, ${where} có ${r.totals.registered} đơn vị đăng ký xây dựng điển hình, ${r.totals.submitted} đơn vị đã nộp hồ sơ, ${r.totals.recognized} đơn vị được công nhận.`,
  ];
  if (!r.plan) parts.push(`Chưa có kế hoạch cho năm ${r.year}.`);
  else {
    parts.push(
      applicable
        ? `Đạt ${met}/${applicable} chỉ tiêu của kế hoạch.`
        : `Kế hoạch năm ${r.year} không có chỉ tiêu áp dụng cho ${where}.`,
    );
    if (r.totals.target)
      parts.push(
        `Theo bảng phân bổ, cần công nhận ${r.totals.target} đơn vị, đã công nhận ${r.totals.targetAchieved}, còn thiếu ${r.totals.gap} đơn vị.`,
      );
    if (r.namedUnits.length)
      parts.push(`${named}/${r.namedUnits.length} đơn vị được kế hoạch giao đã được công nhận.`);
  }
  return parts.join(' ');
}

export type { ProgressRow };

/** The progress report of a year: per district and unit type, per plan target, and the named units. */
export async function progressReport(
  ctx: AppContext,
  user: CurrentUser,
  query: ProgressQuery,
): Promise<ProgressReport> {
  assertMay(user, 'reports.read');
  const em = ctx.ds.manager;
  const { province, districtId } = await resolveScope(em, user, query);
  const year = query.year;
  const planYear = await em.findOneBy(PlanYear, { provinceId: province.id, year });
  const plan = planYear ? await em.findOneBy(Plan, { id: planYear.planId }) : null;
  const districts = await em.find(District, { where: { provinceId: province.id } });
  const districtName = (id: string | null) => districts.find((d) => d.id === id)?.name ?? 'Cấp tỉnh quản lý';
  const period = periodOf(query.period, year, ctx.clock());
  const facts = await loadFacts(em, province.id, districtId, year, plan?.startYear ?? year, period);
  let targets = plan
    ? await em.find(PlanTarget, { where: { planId: plan.id, year }, order: { position: 'ASC' } })
    : [];
  // A district's report shows the targets the plan sets for each district, and only where they apply to
  // it: a province-wide share stays the province's, a target naming other districts is not this one's.
  if (districtId) {
    targets = targets.filter(
      (t) => t.breakdown === 'district' && (!t.districtIds.length || t.districtIds.includes(districtId)),
    );
  }
  const cellTargets = new Map<string, number>();
  const targetResults = evaluateTargets(
    targets,
    facts.units,
    { thisYear: facts.recognizedThisYear, period: facts.recognizedInPeriod },
    districtName,
    cellTargets,
  );
  const named = plan
    ? await em.find(PlanNamedUnit, { where: { planId: plan.id, year }, order: { position: 'ASC' } })
    : [];
  const namedUnits = named.length ? await em.findBy(Unit, { id: In(named.map((n) => n.unitId)) }) : [];
  const namedResults: NamedUnitResult[] = [];
  for (const n of named) {
    const unit = namedUnits.find((u) => u.id === n.unitId);
    if (!unit || (districtId && unit.districtId !== districtId)) continue;
    const dossier = facts.thisYear.find((d) => d.unitId === unit.id);
    namedResults.push({
      unitId: unit.id,
      unitName: unit.name,
      districtName: districtName(unit.districtId),
      state: dossier?.state ?? null,
      stateLabel: dossier ? stateLabel(dossier.state) : 'Chưa đăng ký',
      recognized: facts.recognizedThisYear.has(unit.id),
    });
  }
  const { rows, totals } = tableFigures(
    buildRows(
      facts.units,
      facts.thisYear,
      facts.recognizedThisYear,
      cellTargets,
      districts,
      new Set(namedResults.map((n) => n.unitId)),
    ),
  );
  const report = {
    year,
    asOf: period.cutoff,
    period,
    province: {
      id: province.id,
      name: province.name,
      shortName: province.shortName,
      reportingBody: province.reportingBody,
    },
    districtId,
    districtName: districtId ? districtName(districtId) : null,
    plan: plan
      ? {
          id: plan.id,
          title: plan.title,
          reference: plan.reference,
          startYear: plan.startYear,
          endYear: plan.endYear,
        }
      : null,
    planYear: planYear
      ? {
          sixMonthReportDeadline: planYear.sixMonthReportDeadline,
          annualReportDeadline: planYear.annualReportDeadline,
        }
      : null,
    rows,
    totals,
    targets: targetResults,
    namedUnits: namedResults,
  };
  const where = districtId ? districtName(districtId) : `toàn ${province.name.replace(/^Tỉnh /, 'tỉnh ')}`;
  return { ...report, summary: summaryOf(report, where) };
}
