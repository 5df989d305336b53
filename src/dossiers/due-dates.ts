import type { DossierState } from '../../machines/dossier.machine';
import type { DossierContext } from '../../machines/dossier.machine';
import { addWorkingDays, endOfVnDay, fixedHolidays, vnDate } from '../calendar/time';

/** Working days each reviewing stage has (product defaults from domain.md). */
export const STAGE_WORKING_DAYS: Partial<Record<DossierState, number>> = {
  district_review: 10,
  provincial_appraisal: 15,
  awaiting_decision: 10,
};

/** When the stage a dossier just entered is due, or null for stages nobody must finish by a date. */
export function dueAtFor(
  state: DossierState,
  context: DossierContext,
  enteredAt: Date,
  configuredHolidays: readonly string[],
): string | null {
  if (state === 'nominated' || state === 'self_assessment') return context.submissionDeadline;
  const days = STAGE_WORKING_DAYS[state];
  if (days === undefined) return null;
  const from = vnDate(enteredAt);
  const year = Number(from.slice(0, 4));
  const holidays = new Set([...fixedHolidays([year, year + 1]), ...configuredHolidays]);
  return endOfVnDay(addWorkingDays(from, days, holidays));
}
