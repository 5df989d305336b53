import { In, MoreThanOrEqual } from 'typeorm';
import { z } from 'zod';
import { Dossier, Holiday } from '../../entities';
import { recordAdminEvent } from '../audit/admin-events.service';
import { isoDate } from '../calendar/date-schema';
import { vnShortDate } from '../documents/vn-format';
import { statesTagged } from '../dossiers/dossier-rules';
import { parseWith } from '../http/validate';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { fixedHolidays } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { ConflictError, NotFoundError, RuleError } from '../http/errors';
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
    await recordAdminEvent(
      em,
      user,
      {
        action: 'holiday.list_replaced',
        targetType: 'holiday',
        targetId: null,
        summary: `Thay danh sách ngày nghỉ (${body.holidays.length} ngày).`,
      },
      ctx.clock(),
    );
  });
  return listHolidays(ctx);
}

export const HolidayInput = z.strictObject({
  date: isoDate,
  name: z.string().trim().min(1, 'Nhập tên ngày nghỉ.').max(200),
});

/** How many dossiers in a timed stage have a deadline on or after `date` (their deadlines stay as set). */
export async function dossiersDueAfter(ctx: AppContext, date: string): Promise<number> {
  return ctx.ds.getRepository(Dossier).countBy({
    state: In(statesTagged('timed')),
    dueAt: MoreThanOrEqual(`${date}T00:00:00`),
  });
}

/**
 * Adds one holiday (a date not already a holiday), audited. Deadlines computed from now on skip it; the
 * deadlines already set for dossiers in progress do not move (an extension does that, one dossier at a
 * time). Returns how many such dossiers have a deadline after it, for the admin to know.
 */
export async function addHoliday(ctx: AppContext, user: CurrentUser, raw: unknown): Promise<number> {
  assertMay(user, 'admin.manage');
  const input = parseWith(HolidayInput, raw, 'Ngày nghỉ');
  const fixed = new Set(fixedHolidays([Number(input.date.slice(0, 4))]));
  const taken = (message: string) =>
    new ConflictError('duplicate_holiday', message, {
      fields: [{ field: 'date', code: 'duplicate', message }],
    });
  if (fixed.has(input.date)) throw taken('Ngày này đã là ngày lễ cố định.');
  await inTransaction(ctx.ds, async (em) => {
    if (await em.existsBy(Holiday, { date: input.date })) throw taken('Ngày này đã có trong danh sách.');
    await em.insert(Holiday, input);
    await recordAdminEvent(
      em,
      user,
      {
        action: 'holiday.added',
        targetType: 'holiday',
        targetId: null,
        summary: `Thêm ngày nghỉ ${vnShortDate(input.date)} (${input.name}).`,
      },
      ctx.clock(),
    );
  });
  return dossiersDueAfter(ctx, input.date);
}

/** Removes one holiday of the admin's list, audited; 404 when it is not there. */
export async function removeHoliday(ctx: AppContext, user: CurrentUser, date: string): Promise<void> {
  assertMay(user, 'admin.manage');
  await inTransaction(ctx.ds, async (em) => {
    const holiday = await em.findOneBy(Holiday, { date });
    if (!holiday) throw new NotFoundError('holiday_not_found', 'Không có ngày nghỉ này trong danh sách.');
    await em.delete(Holiday, { date });
    await recordAdminEvent(
      em,
      user,
      {
        action: 'holiday.removed',
        targetType: 'holiday',
        targetId: null,
        summary: `Bỏ ngày nghỉ ${vnShortDate(date)} (${holiday.name}).`,
      },
      ctx.clock(),
    );
  });
}
