import nodemailer, { type Transporter } from 'nodemailer';
import { In, LessThanOrEqual } from 'typeorm';
import { MailMessage } from '../../entities';
import type { AppContext } from '../app-context';
import { inTransaction } from '../db/transactions';
import type { MailConfig } from './mail-config';
import { composeText } from './mail-templates';

/** Waits before the 1st, 2nd, … retry; after the last, the message is given up as failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000];
/** How long a claim on a message lasts: a worker that died mid-send lets another retry after this. */
const CLAIM_MS = 5 * 60_000;
const BATCH = 20;

/** An SMTP transport (nodemailer) for the configuration. */
export function createMailTransport(config: MailConfig): Transporter {
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.tls === 'implicit',
    requireTLS: config.tls === 'starttls',
    ignoreTLS: config.tls === 'none',
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
}

/** A server's 5xx answer is permanent (unknown mailbox, refused sender): retrying would not help. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

const describe = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 500);

/** Claims a message for this worker (conditional update: two instances never send the same one). */
async function claim(ctx: AppContext, m: MailMessage, now: Date): Promise<boolean> {
  const result = await inTransaction(ctx.ds, (em) =>
    em
      .createQueryBuilder()
      .update(MailMessage)
      .set({ status: 'sending', nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where('id = :id AND status = :status AND "nextAttemptAt" = :at', {
        id: m.id,
        status: m.status,
        at: m.nextAttemptAt,
      })
      .execute(),
  );
  return result.affected === 1;
}

/** What became of one attempt, written back to the message. */
async function settle(
  ctx: AppContext,
  m: MailMessage,
  now: Date,
  err: unknown | null,
): Promise<keyof DeliveryRun> {
  const attempts = m.attempts + 1;
  let change: Partial<MailMessage>;
  let outcome: keyof DeliveryRun;
  if (err === null) {
    change = { status: 'sent', sentAt: now.toISOString(), lastError: null };
    outcome = 'sent';
  } else if (isPermanent(err) || attempts > RETRY_DELAYS_MS.length) {
    change = { status: 'failed', lastError: describe(err) };
    outcome = 'failed';
  } else {
    const next = new Date(now.getTime() + RETRY_DELAYS_MS[attempts - 1]).toISOString();
    change = { status: 'pending', nextAttemptAt: next, lastError: describe(err) };
    outcome = 'retrying';
  }
  await inTransaction(ctx.ds, (em) => em.update(MailMessage, { id: m.id }, { ...change, attempts }));
  return outcome;
}

/**
 * Sends what is due in the outbox through `transport`: each message claimed, sent, and marked sent, or
 * put back with a later attempt (back-off), or failed (a permanent refusal, or retries used up). Messages
 * past their `expiresAt` are not sent. Returns what happened.
 */
export async function deliverDueMail(ctx: AppContext, transport: Transporter): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0, expired: 0 };
  const now = ctx.clock();
  const at = now.toISOString();
  const expired = await inTransaction(ctx.ds, (em) =>
    em
      .createQueryBuilder()
      .update(MailMessage)
      .set({ status: 'expired' })
      .where('status IN (:...open) AND "expiresAt" <= :at', { open: ['pending', 'sending'], at })
      .execute(),
  );
  run.expired = expired.affected ?? 0;
  const from = ctx.config.mail?.from ?? 'Điển hình <no-reply@localhost>';
  const due = await ctx.ds.getRepository(MailMessage).find({
    where: { status: In(['pending', 'sending']), nextAttemptAt: LessThanOrEqual(at) },
    order: { nextAttemptAt: 'ASC' },
    take: BATCH,
  });
  for (const m of due) {
    if (!(await claim(ctx, m, now))) continue;
    const text = composeText(m.body, m.link ? `${ctx.config.publicUrl}${m.link}` : null);
    const error = await transport
      .sendMail({ from, to: m.toAddress, subject: m.subject, text })
      .then(() => null)
      .catch((e: unknown) => e ?? new Error('unknown'));
    run[await settle(ctx, m, ctx.clock(), error)]++;
  }
  return run;
}

/** Runs the worker every `pollMs` while mail is configured; returns a stop function (a no-op otherwise). */
export function scheduleMailWorker(ctx: AppContext, log: (line: string) => void): () => void {
  const config = ctx.config.mail;
  if (!config) return () => undefined;
  const transport = createMailTransport(config);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueMail(ctx, transport)
      .then((r) => {
        if (r.sent || r.failed || r.retrying)
          log(`Thư đi: ${r.sent} đã gửi, ${r.retrying} sẽ gửi lại, ${r.failed} không gửi được.`);
      })
      .catch((e: unknown) => log(`Lỗi khi gửi thư: ${String(e)}`))
      .finally(() => (running = false));
  }, config.pollMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    transport.close();
  };
}
