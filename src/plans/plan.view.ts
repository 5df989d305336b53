import type { Plan, PlanNamedUnit, PlanTarget, PlanYear, Unit } from '../../entities';

export interface PlanYearView {
  id: string;
  year: number;
  registrationDeadline: string | null;
  submissionDeadline: string;
  districtReviewDeadline: string | null;
  appraisalDeadline: string | null;
  sixMonthReportDeadline: string | null;
  annualReportDeadline: string | null;
  targets: Omit<PlanTarget, 'planId' | 'year'>[];
  namedUnits: { unitId: string; name: string; districtId: string | null }[];
}

export interface PlanView {
  id: string;
  provinceId: string;
  reference: string | null;
  title: string;
  startYear: number;
  endYear: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  years: PlanYearView[];
}

/** A plan with its years, each with its deadlines, targets and named units, in order. */
export function planView(
  plan: Plan,
  years: PlanYear[],
  targets: PlanTarget[],
  named: PlanNamedUnit[],
  units: Map<string, Unit>,
): PlanView {
  return {
    id: plan.id,
    provinceId: plan.provinceId,
    reference: plan.reference,
    title: plan.title,
    startYear: plan.startYear,
    endYear: plan.endYear,
    version: plan.version,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    years: [...years]
      .sort((a, b) => a.year - b.year)
      .map((y) => ({
        id: y.id,
        year: y.year,
        registrationDeadline: y.registrationDeadline,
        submissionDeadline: y.submissionDeadline,
        districtReviewDeadline: y.districtReviewDeadline,
        appraisalDeadline: y.appraisalDeadline,
        sixMonthReportDeadline: y.sixMonthReportDeadline,
        annualReportDeadline: y.annualReportDeadline,
        targets: targets
          .filter((t) => t.year === y.year)
          .sort((a, b) => a.position - b.position)
          .map(({ planId: _p, year: _y, ...t }) => t),
        namedUnits: named
          .filter((n) => n.year === y.year)
          .sort((a, b) => a.position - b.position)
          .map((n) => ({
            unitId: n.unitId,
            name: units.get(n.unitId)?.name ?? '',
            districtId: units.get(n.unitId)?.districtId ?? null,
          })),
      })),
  };
}
