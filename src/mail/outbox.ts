import type { EntityManager } from 'typeorm';
import { MailMessage } from '../../entities';
import { newId } from '../db/ids';

export interface OutgoingMail {
  userId: string | null;
  to: string;
  subject: string;
  body: string;
  /** A path in the product (`/dossiers/…`); the worker makes it a full address with PUBLIC_URL. */
  link?: string;
  /** With `userId`, mails once however often it is enqueued. */
  dedupeKey?: string;
  /** When it stops being worth sending. */
  expiresAt: string;
}

/** How long news stays worth a mail when the server could not send it at once. */
export const NEWS_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Puts mails in the outbox inside transaction `em` (so they exist exactly when what they tell was
 * committed); a (user, dedupeKey) already there is skipped. The mail worker sends them.
 */
export async function enqueueMail(em: EntityManager, mails: OutgoingMail[], at: string): Promise<void> {
  for (let i = 0; i < mails.length; i += 50) {
    const rows = mails.slice(i, i + 50).map((m) => ({
      id: newId(),
      userId: m.userId,
      toAddress: m.to,
      subject: m.subject.slice(0, 300),
      body: m.body,
      link: m.link ?? null,
      dedupeKey: m.dedupeKey ?? null,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: at,
      expiresAt: m.expiresAt,
      lastError: null,
      createdAt: at,
      sentAt: null,
    }));
    await em.createQueryBuilder().insert().into(MailMessage).values(rows).orIgnore().execute();
  }
}
