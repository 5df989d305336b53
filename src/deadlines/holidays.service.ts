import { Holiday } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { fixedHolidays } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { RuleError } from '../http/errors';
import type { HolidaysBody } from './deadline.schemas';

export interface HolidayList {
  /** Fixed national holidays of the current and next year (always excluded). */
  fixed: string[];
  holidays: { date: string; name: string }[];
}

/** The holidays excluded from working days: fixed ones, the admin's list and the HOLIDAYS setting. */
export async function listHolidays(ctx: AppContext): Promise<HolidayList> {
  const year = Number(ctx.clock().toISOString().slice(0, 4));
  const stored = await ctx.ds.manager.find(Holiday, { order: { date: 'ASC' } });
  return {
    fixed: fixedHolidays([year, year + 1]),
    holidays: stored.map((h) => ({ date: h.date, name: h.name })),
  };
}

/** Replaces the admin's list of holidays (e.g. the lunar Tết days of next year). */
export async function replaceHolidays(
  ctx: AppContext,
  user: CurrentUser,
  body: HolidaysBody,
): Promise<HolidayList> {
  assertMay(user, 'admin.manage');
  const dates = body.holidays.map((h) => h.date);
  const dup = dates.findIndex((d, i) => dates.indexOf(d) !== i);
  if (dup >= 0) {
    throw new RuleError('duplicate_holiday', `Ngày ${dates[dup]} bị lặp.`, {
      fields: [{ field: `holidays.${dup}.date`, code: 'duplicate', message: 'Ngày bị lặp.' }],
    });
  }
  await inTransaction(ctx.ds, async (em) => {
    await em.clear(Holiday);
    if (body.holidays.length) await em.insert(Holiday, body.holidays);
  });
  return listHolidays(ctx);
}
