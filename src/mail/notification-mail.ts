import { In, type EntityManager } from 'typeorm';
import { User } from '../../entities';
import type { NotificationKind } from '../../entities/notification.entity';
import { notificationMail } from './mail-templates';
import { enqueueMail, NEWS_TTL_MS } from './outbox';

export interface MailedNotification {
  userId: string;
  dossierId: string | null;
  kind: NotificationKind;
  message: string;
  dedupeKey: string;
}

/** The kinds a user chose to receive by e-mail (stored comma-separated). */
export const mailKindsOf = (user: Pick<User, 'mailKinds'>): string[] =>
  user.mailKinds.split(',').filter(Boolean);

/**
 * Mails for the notifications whose users asked for them one by one (not in the daily digest), in the
 * same transaction as the notifications; keyed by the notification's dedupeKey, so mailed once.
 */
export async function enqueueNotificationMail(
  em: EntityManager,
  rows: MailedNotification[],
  at: string,
): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.userId))];
  if (ids.length === 0) return;
  const wanting = new Map<string, User>();
  for (let i = 0; i < ids.length; i += 500) {
    const users = await em.find(User, { where: { id: In(ids.slice(i, i + 500)), mailDigest: false } });
    for (const u of users) if (u.email && u.active && u.mailKinds) wanting.set(u.id, u);
  }
  if (wanting.size === 0) return;
  const expiresAt = new Date(Date.parse(at) + NEWS_TTL_MS).toISOString();
  const mails = rows.flatMap((r) => {
    const user = wanting.get(r.userId);
    if (!user?.email || !mailKindsOf(user).includes(r.kind)) return [];
    const text = notificationMail(user.displayName, r.kind, r.message, r.dossierId !== null);
    const link = r.dossierId ? `/dossiers/${r.dossierId}` : '/notifications';
    return [{ userId: user.id, to: user.email, ...text, link, dedupeKey: r.dedupeKey, expiresAt }];
  });
  await enqueueMail(em, mails, at);
}
