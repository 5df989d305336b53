import { IsNull } from 'typeorm';
import { Notification } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { NotFoundError } from '../http/errors';
import type { NotificationQuery } from './notification.schemas';

const view = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  message: n.message,
  dossierId: n.dossierId,
  createdAt: n.createdAt,
  readAt: n.readAt,
});
export type NotificationView = ReturnType<typeof view>;

/** The user's own notifications, newest first, with the unread count. */
export async function listNotifications(ctx: AppContext, user: CurrentUser, query: NotificationQuery) {
  const repo = ctx.ds.getRepository(Notification);
  const onlyUnread = query.unread === 'true' || query.unread === '1';
  const where = { userId: user.id, ...(onlyUnread ? { readAt: IsNull() } : {}) };
  const [rows, total] = await repo.findAndCount({
    where,
    order: { createdAt: 'DESC', id: 'ASC' },
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
  const unread = await repo.count({ where: { userId: user.id, readAt: IsNull() } });
  return { items: rows.map(view), total, unread, page: query.page, pageSize: query.pageSize };
}

/** Marks one of the user's notifications read (idempotent); 404 for anyone else's. */
export async function markRead(ctx: AppContext, user: CurrentUser, id: string): Promise<NotificationView> {
  const repo = ctx.ds.getRepository(Notification);
  const n = await repo.findOneBy({ id, userId: user.id });
  if (!n) throw new NotFoundError('notification_not_found', 'Không tìm thấy thông báo.');
  if (!n.readAt) {
    n.readAt = ctx.clock().toISOString();
    await repo.update({ id: n.id, readAt: IsNull() }, { readAt: n.readAt });
  }
  return view(n);
}

/** Marks all of the user's notifications read; returns how many changed. */
export async function markAllRead(ctx: AppContext, user: CurrentUser): Promise<number> {
  const result = await ctx.ds
    .getRepository(Notification)
    .update({ userId: user.id, readAt: IsNull() }, { readAt: ctx.clock().toISOString() });
  return result.affected ?? 0;
}

/** How many notifications the user has not read (the header's counter). */
export async function countUnread(ctx: AppContext, user: CurrentUser): Promise<number> {
  return ctx.ds.getRepository(Notification).count({ where: { userId: user.id, readAt: IsNull() } });
}
