import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { AppSetting, Dossier, Unit } from '../../entities';
import type { AppContext } from '../app-context';
import { addDays, endOfVnDay, vnDate } from '../calendar/time';
import { actingRoles, stateLabel, statesTagged } from './dossier-rules';
import { vnShortDate } from '../documents/vn-format';
import { inTransaction } from '../db/transactions';
import { QUIET_MS, sweepOrphanFiles } from '../attachments/attachment-files';
import { insertNotifications, type NewNotification } from '../notifications/notifications.service';
import { usersInRolesFor } from '../notifications/recipients';
import { enqueueDailyDigests } from '../mail/mail-digest';

export interface ReminderRun {
  date: string;
  dueTomorrow: number;
  overdue: number;
  notificationsCreated: number;
}

const PAGE = 500;

/**
 * Notifies the users who must act on dossiers due tomorrow or already overdue (VN calendar days). Each
 * dossier stage is reminded once per kind (the dedupe key holds the stage's start), so running the job
 * twice a day, or on two instances at once, notifies once.
 */
export async function runDailyReminders(ctx: AppContext): Promise<ReminderRun> {
  const now = ctx.clock();
  const today = vnDate(now);
  const tomorrow = addDays(today, 1);
  const run: ReminderRun = { date: today, dueTomorrow: 0, overdue: 0, notificationsCreated: 0 };
  for (let page = 0; ; page += 1) {
    const dossiers = await ctx.ds.manager.find(Dossier, {
      where: { state: In(statesTagged('timed')), dueAt: LessThanOrEqual(endOfVnDay(tomorrow)) },
      order: { dueAt: 'ASC', id: 'ASC' },
      skip: page * PAGE,
      take: PAGE,
    });
    if (!dossiers.length) break;
    const units = await ctx.ds.manager.findBy(Unit, { id: In([...new Set(dossiers.map((d) => d.unitId))]) });
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const rows: NewNotification[] = [];
    for (const d of dossiers) {
      const dueAt = d.dueAt ?? '';
      const overdue = Date.parse(dueAt) < now.getTime();
      if (!overdue && vnDate(new Date(dueAt)) !== tomorrow) continue;
      if (overdue) run.overdue += 1;
      else run.dueTomorrow += 1;
      const roles = actingRoles(d.state);
      if (!roles.length) continue;
      const label = `${unitName.get(d.unitId) ?? 'Đơn vị'} (năm ${d.year})`;
      const due = vnShortDate(vnDate(new Date(dueAt)));
      const message = overdue
        ? `Hồ sơ ${label} ở bước "${stateLabel(d.state)}" đã quá hạn xử lý (hạn ${due}).`
        : `Hồ sơ ${label} ở bước "${stateLabel(d.state)}" đến hạn xử lý vào ngày mai (${due}).`;
      const kind = overdue ? 'overdue' : 'due_tomorrow';
      for (const user of await usersInRolesFor(ctx.ds.manager, roles, d)) {
        rows.push({
          userId: user.id,
          dossierId: d.id,
          kind,
          message,
          dedupeKey: `${kind}:${d.id}:${d.stageEnteredAt}:${dueAt}`,
        });
      }
    }
    run.notificationsCreated += await inTransaction(ctx.ds, (em) =>
      insertNotifications(em, rows, now.toISOString()),
    );
    if (dossiers.length < PAGE) break;
  }
  return run;
}

const LAST_RUN_KEY = 'reminders.lastRunDate';
/** The job runs once per VN day, from this hour on. */
const RUN_FROM_HOUR = 7;

/**
 * Claims today's run for this instance: only one instance (of any number sharing the database) wins the
 * conditional update, so the job runs once a day however many servers there are.
 */
export async function claimDailyRun(ds: DataSource, today: string): Promise<boolean> {
  return inTransaction(ds, async (em) => {
    await em
      .createQueryBuilder()
      .insert()
      .into(AppSetting)
      .values({ key: LAST_RUN_KEY, value: '' })
      .orIgnore()
      .execute();
    const result = await em
      .createQueryBuilder()
      .update(AppSetting)
      .set({ value: today })
      .where('key = :key AND value < :today', { key: LAST_RUN_KEY, today })
      .execute();
    return result.affected === 1;
  });
}

/** Checks every `everyMs` whether today's reminders are due and runs them once; returns a stop function. */
export function scheduleDailyReminders(
  ctx: AppContext,
  log: (line: string) => void,
  everyMs = 10 * 60 * 1000,
): () => void {
  const tick = async (): Promise<void> => {
    const now = ctx.clock();
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hour12: false,
        timeZone: 'Asia/Ho_Chi_Minh',
      }).format(now),
    );
    if (hour < RUN_FROM_HOUR) return;
    if (!(await claimDailyRun(ctx.ds, vnDate(now)))) return;
    const run = await runDailyReminders(ctx);
    log(
      `Nhắc hạn ${run.date}: ${run.dueTomorrow} hồ sơ đến hạn ngày mai, ${run.overdue} quá hạn, ${run.notificationsCreated} thông báo mới.`,
    );
    // Today's digests, after the reminders so that they include them.
    const digests = await enqueueDailyDigests(ctx);
    if (digests) log(`Bản tin e-mail hằng ngày: ${digests} thư.`);
    // The same daily claim keeps the evidence directory clean (one instance a day; files are shared).
    const swept = await sweepOrphanFiles(ctx, QUIET_MS);
    log(`Dọn tệp minh chứng: xóa ${swept.removed} tệp mồ côi, hoàn tất ${swept.finished} tệp.`);
  };
  const timer = setInterval(() => {
    tick().catch((e: unknown) => log(`Lỗi khi chạy nhắc hạn: ${String(e)}`));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
