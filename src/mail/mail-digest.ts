import { In, Like, MoreThan, Not } from 'typeorm';
import { MailMessage, Notification, User } from '../../entities';
import type { NotificationKind } from '../../entities/notification.entity';
import type { AppContext } from '../app-context';
import { vnDate } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { digestMail } from './mail-templates';
import { mailKindsOf } from './notification-mail';
import { enqueueMail, NEWS_TTL_MS } from './outbox';

const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE = 200;

/** When the user's last digest was written (or a day ago): the next one starts there, so none overlap. */
async function digestSince(ctx: AppContext, userId: string, now: Date): Promise<string> {
  const last = await ctx.ds.getRepository(MailMessage).findOne({
    where: { userId, dedupeKey: Like('digest:%') },
    order: { createdAt: 'DESC' },
  });
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  return last && last.createdAt > dayAgo ? last.createdAt : dayAgo;
}

/**
 * Writes today's digest (bản tin hằng ngày) for each user who chose it: the notifications of their chosen
 * kinds since their last digest, in one mail; keyed `digest:<date>`, so written once a day. Run by the
 * daily job after the reminders. Returns how many digests were written.
 */
export async function enqueueDailyDigests(ctx: AppContext): Promise<number> {
  const now = ctx.clock();
  const at = now.toISOString();
  let written = 0;
  for (let page = 0; ; page += 1) {
    const users = await ctx.ds.getRepository(User).find({
      where: { mailDigest: true, active: true, email: Not(''), mailKinds: Not('') },
      order: { id: 'ASC' },
      skip: page * PAGE,
      take: PAGE,
    });
    if (users.length === 0) break;
    for (const user of users) {
      if (!user.email) continue;
      const kinds = mailKindsOf(user) as NotificationKind[];
      const since = await digestSince(ctx, user.id, now);
      const items = await ctx.ds.getRepository(Notification).find({
        where: { userId: user.id, kind: In(kinds), createdAt: MoreThan(since) },
        order: { createdAt: 'ASC' },
        take: 200,
      });
      if (items.length === 0) continue;
      const text = digestMail(user.displayName, now, items);
      const mail = {
        userId: user.id,
        to: user.email,
        ...text,
        link: '/notifications',
        dedupeKey: `digest:${vnDate(now)}`,
        expiresAt: new Date(now.getTime() + NEWS_TTL_MS).toISOString(),
      };
      await inTransaction(ctx.ds, (em) => enqueueMail(em, [mail], at));
      written += 1;
    }
  }
  return written;
}
