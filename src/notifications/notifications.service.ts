import type { EntityManager } from 'typeorm';
import { Notification } from '../../entities';
import type { NotificationKind } from '../../entities/notification.entity';
import { newId } from '../db/ids';
import { enqueueNotificationMail } from '../mail/notification-mail';

export interface NewNotification {
  userId: string;
  dossierId: string | null;
  kind: NotificationKind;
  message: string;
  dedupeKey: string;
}

/**
 * Inserts notifications, skipping any (user, dedupeKey) already there: safe to repeat and to race
 * (INSERT OR IGNORE on SQLite, ON CONFLICT DO NOTHING on PostgreSQL), and the e-mails of those who chose
 * them, the same way. Returns how many were new.
 */
export async function insertNotifications(
  em: EntityManager,
  rows: NewNotification[],
  at: string,
): Promise<number> {
  let inserted = 0;
  // Small batches keep the statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    const batch = rows.slice(i, i + 100).map((r) => ({ id: newId(), createdAt: at, readAt: null, ...r }));
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(batch)
      .orIgnore()
      .execute();
    inserted += result.identifiers.filter((x) => x !== undefined).length;
  }
  // Those who asked for it also get it by e-mail (the outbox row commits or not with the notification).
  await enqueueNotificationMail(em, rows, at);
  return inserted;
}
