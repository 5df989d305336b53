import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'expired'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One e-mail in the outbox (hộp thư đi): written in the transaction of what it tells, sent later by the
 * mail worker (src/mail/mail-worker.ts), which keeps its status, attempts and last error here.
 */
@Entity('mail_outbox')
@Index(['status', 'nextAttemptAt'])
@Index(['userId', 'dedupeKey'], { unique: true })
export class MailMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** A path in the product the mail links to; the worker prefixes PUBLIC_URL when it sends. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  /** Unique per user: the same notification or digest is mailed once, however often it is enqueued. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: MailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When the worker may next try (or, while `sending`, when its claim lapses). */
  @Column({ type: 'varchar', length: 32 })
  nextAttemptAt: string;

  /** After this it is no longer worth sending (a lapsed reset link, week-old news). */
  @Column({ type: 'varchar', length: 32 })
  expiresAt: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sentAt: string | null;
}
