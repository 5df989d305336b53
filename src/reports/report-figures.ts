import type { PlanTarget, Unit } from '../../entities';
import { percent, type ProgressRow } from './progress-rows';
import {
  apportion,
  evaluateGroup,
  groupsOf,
  isEligible,
  verdictOf,
  type TargetGroup,
  type Verdict,
} from './target-arithmetic';

export interface TargetResult {
  id: string;
  label: string;
  measure: PlanTarget['measure'];
  value: number;
  breakdown: PlanTarget['breakdown'];
  cumulative: boolean;
  eligible: number;
  required: number;
  /** Recognized eligible units, all of them (over 100 % shows as such). */
  achieved: number;
  /** The sum of the groups' gaps (each required − achieved, floored at 0). */
  gap: number;
  /** achieved / required in percent; null when nothing is required. */
  percentReached: number | null;
  met: boolean;
  verdict: Verdict;
  groups: TargetGroup[];
}

/*
 * The one computation of a report's target figures: every renderer (JSON, page, CSV, chart, PDF) prints
 * what this returns. Pure, so that its invariants are checked over generated plans and outcomes.
 */

/**
 * Each target's result, group by group, and — into `cellTargets` — the share of the district × unit type
 * table each non-cumulative target sets (only where the plan itself places it).
 */
export function evaluateTargets(
  targets: PlanTarget[],
  units: Unit[],
  recognized: { thisYear: Set<string>; period: Set<string> },
  districtName: (id: string | null) => string,
  cellTargets: Map<string, number>,
): TargetResult[] {
  return targets.map((t) => {
    const eligible = units.filter((u) => isEligible(t, u));
    const set = t.cumulative ? recognized.period : recognized.thisYear;
    const groupInputs = groupsOf(t, eligible, districtName);
    const groups = groupInputs.map((g) => evaluateGroup(t, g, set));
    if (!t.cumulative) {
      groupInputs.forEach((g, i) => {
        for (const [key, n] of apportion(t, g, groups[i].required))
          cellTargets.set(key, (cellTargets.get(key) ?? 0) + n);
      });
    }
    const required = groups.reduce((s, g) => s + g.required, 0);
    const gap = groups.reduce((s, g) => s + g.gap, 0);
    const achieved = groups.reduce((s, g) => s + g.achieved, 0);
    return {
      id: t.id,
      label: t.label,
      measure: t.measure,
      value: t.value,
      breakdown: t.breakdown,
      cumulative: t.cumulative,
      eligible: eligible.length,
      required,
      achieved,
      gap,
      percentReached: required ? percent(achieved, required) : null,
      met: required > 0 && gap === 0,
      verdict: verdictOf(required, gap),
      groups,
    };
  });
}

/** The table's totals: each the sum of its rows (the summary quotes these). */
export function tableFigures(rows: ProgressRow[]) {
  const sum = (f: (r: ProgressRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    rows,
    totals: {
      units: sum((r) => r.units),
      registered: sum((r) => r.registered),
      submitted: sum((r) => r.submitted),
      recognized: sum((r) => r.recognized),
      target: sum((r) => r.target ?? 0),
      /** Recognized units in the rows that carry a target (what the table's gap is measured against). */
      targetAchieved: sum((r) => r.targetAchieved ?? 0),
      gap: sum((r) => r.gap ?? 0),
    },
  };
}
