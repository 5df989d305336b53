import type { DossierContext, DossierState } from '../../machines/dossier.machine';
import type { PlanYear } from '../../entities';
import type { StageDaysUsed } from '../../entities/dossier.entity';
import { addWorkingDays, endOfVnDay, vnDate, workingDaysBetween } from '../calendar/time';
import { hasTag, stageBudget } from './dossier-rules';

/** The plan's own closing date for a stage, if it sets one. */
function planStageDeadline(state: DossierState, planYear: PlanYear | null): string | null {
  const field = stageBudget(state)?.planDeadline;
  return planYear && field ? planYear[field] : null;
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
  if (hasTag(state, 'preparing')) return context.submissionDeadline;
  const days = stageBudget(state)?.workingDays;
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
  if (!stageBudget(leaving)) return used;
  const spent = workingDaysBetween(vnDate(new Date(enteredAt)), vnDate(leftAt), holidays);
  return { ...used, [leaving]: (used[leaving] ?? 0) + spent };
}

/** "Due soon" on the home page and in the list: due within this many days from now. */
export const DUE_SOON_DAYS = 3;

/** The end of the "due soon" window that starts now. */
export const dueSoonUntil = (now: Date): Date => new Date(now.getTime() + DUE_SOON_DAYS * 24 * 3600_000);
