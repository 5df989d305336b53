import type { DossierContext, DossierState } from '../../machines/dossier.machine';
import type { PlanYear } from '../../entities';
import { addWorkingDays, endOfVnDay, vnDate, workingDaysBetween } from '../calendar/time';

/** Working days each reviewing stage has (product defaults from domain.md). */
export const STAGE_WORKING_DAYS: Partial<Record<DossierState, number>> = {
  district_review: 10,
  provincial_appraisal: 15,
  awaiting_decision: 10,
};

export type StageDaysUsed = Partial<Record<DossierState, number>>;

/** The plan's own closing date for a stage, if it sets one. */
function planStageDeadline(state: DossierState, planYear: PlanYear | null): string | null {
  if (!planYear) return null;
  if (state === 'district_review') return planYear.districtReviewDeadline;
  if (state === 'provincial_appraisal') return planYear.appraisalDeadline;
  return null;
}

export interface StageEntry {
  state: DossierState;
  context: DossierContext;
  enteredAt: Date;
  holidays: ReadonlySet<string>;
  /** Working days spent in this stage on earlier visits (the clock stopped while returned). */
  daysUsed: number;
  planYear: PlanYear | null;
}

/**
 * When the stage a dossier just entered is due (ISO instant), or null for stages nobody must finish by a
 * date. Before submission it is the plan's (or the extended) submission deadline; a reviewing stage has its
 * working days, less those used on earlier visits, and never runs past the plan's date for that stage
 * unless that date had already passed when the dossier arrived.
 */
export function dueAtFor(entry: StageEntry): string | null {
  const { state, context } = entry;
  if (state === 'nominated' || state === 'self_assessment') return context.submissionDeadline;
  const days = STAGE_WORKING_DAYS[state];
  if (days === undefined) return null;
  const from = vnDate(entry.enteredAt);
  const byWorkingDays = addWorkingDays(from, Math.max(days - entry.daysUsed, 0), entry.holidays);
  const planDate = planStageDeadline(state, entry.planYear);
  const due = planDate !== null && planDate >= from && planDate < byWorkingDays ? planDate : byWorkingDays;
  return endOfVnDay(due);
}

/** Adds the working days spent in the stage being left to the dossier's tally. */
export function addStageDays(
  used: StageDaysUsed,
  leaving: DossierState,
  enteredAt: string,
  leftAt: Date,
  holidays: ReadonlySet<string>,
): StageDaysUsed {
  if (STAGE_WORKING_DAYS[leaving] === undefined) return used;
  const spent = workingDaysBetween(vnDate(new Date(enteredAt)), vnDate(leftAt), holidays);
  return { ...used, [leaving]: (used[leaving] ?? 0) + spent };
}
