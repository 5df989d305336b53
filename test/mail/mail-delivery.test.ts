import { afterEach, describe, expect, it } from 'vitest';
import { MailMessage, Notification, User } from '../../entities';
import { enqueueDailyDigests } from '../../src/mail/mail-digest';
import {
  createMailTransport,
  deliverDueMail,
  RETRY_DELAYS_MS,
  scheduleMailWorker,
} from '../../src/mail/mail-worker';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { closedPort, smtpConfig, startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { createTestApp, type TestApp } from '../helpers/test-app';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function appWith(smtp: TestSmtp | null, port?: number): Promise<TestApp> {
  const mail = smtp?.config ?? (port ? smtpConfig(port) : null);
  const t = await createTestApp({ now: new Date('2026-09-10T02:00:00Z'), config: { mail } });
  cleanups.push(() => t.close());
  return t;
}

/** The district reviewer of Na Hang asks for "dossier waiting for me" by e-mail. */
async function reviewerWantsMail(t: TestApp, mailDigest = false) {
  const nahang = await t.as('nahang');
  const res = await nahang
    .patch('/api/account')
    .send({ email: 'NaHang.138@TuyenQuang.gov.vn', mailKinds: ['action_required', 'overdue'], mailDigest });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ email: 'nahang.138@tuyenquang.gov.vn', mailDigest });
}

const deliver = (t: TestApp) =>
  deliverDueMail(t.ctx, createMailTransport(t.ctx.config.mail ?? smtpConfig(1)));
const outbox = (t: TestApp) => t.ds.getRepository(MailMessage).find({ order: { createdAt: 'ASC' } });

describe('e-mail notifications through the outbox and a real SMTP server', () => {
  it('mails a submitted dossier to the reviewer who asked for it, once, in Vietnamese, with its link', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const t = await appWith(smtp);
    await reviewerWantsMail(t);
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    // Written with the notification, in the SUBMIT's transaction; nobody else asked for mail.
    const [queued] = await outbox(t);
    expect(await t.ds.getRepository(MailMessage).count()).toBe(1);
    expect(queued).toMatchObject({ status: 'pending', toAddress: 'nahang.138@tuyenquang.gov.vn' });
    const note = await t.ds
      .getRepository(Notification)
      .findOneByOrFail({ dossierId: flow.id, kind: 'action_required' });
    expect(queued.dedupeKey).toBe(note.dedupeKey);

    expect(await deliver(t)).toEqual({ sent: 1, retrying: 0, failed: 0, expired: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.subject).toBe(`[Điển hình] Hồ sơ cần xử lý: ${note.message}`.slice(0, 300));
    expect(mail.from?.text).toContain('Điển hình Tuyên Quang');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('nahang.138@tuyenquang.gov.vn');
    expect(mail.text).toContain('Kính gửi');
    expect(mail.text).toContain(note.message);
    expect(mail.text).toContain(`${t.ctx.config.publicUrl}/dossiers/${flow.id}`);
    expect(mail.text).toContain('Thư gửi tự động');
    const sent = await t.ds.getRepository(MailMessage).findOneByOrFail({ id: queued.id });
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: t.now().toISOString(),
      lastError: null,
    });
    // Nothing more to send; the same notification is never mailed twice.
    expect(await deliver(t)).toEqual({ sent: 0, retrying: 0, failed: 0, expired: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('gathers the day into one digest for those who chose it, and sends nothing one by one', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const t = await appWith(smtp);
    await reviewerWantsMail(t, true);
    await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    await new DossierFlow(t, { unit: 'yenlam', district: 'hamyen' }).advanceTo('district_review');
    await new DossierFlow(t, { unit: 'ttnahang', district: 'nahang' }).advanceTo('district_review');
    expect(await outbox(t)).toHaveLength(0);
    t.setNow(new Date('2026-09-11T01:00:00Z'));
    expect(await enqueueDailyDigests(t.ctx)).toBe(1);
    expect(await enqueueDailyDigests(t.ctx)).toBe(0); // once a day
    await deliver(t);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].subject).toBe('[Điển hình] Bản tin ngày 11/09/2026: 2 thông báo');
    expect(smtp.received[0].text).toContain('Thượng Nông');
    expect(smtp.received[0].text).toContain(`${t.ctx.config.publicUrl}/notifications`);
  });

  it('gives a permanent refusal up at once and keeps why; retries a temporary one later', async () => {
    const refusing = await startTestSmtp({ refuse: 550 });
    cleanups.push(() => refusing.close());
    const t = await appWith(refusing);
    await reviewerWantsMail(t);
    await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    expect(await deliver(t)).toMatchObject({ sent: 0, failed: 1 });
    const [failed] = await outbox(t);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain('550');
    expect(refusing.received).toHaveLength(0);

    const later = await startTestSmtp({ refuse: 451 });
    cleanups.push(() => later.close());
    const t2 = await appWith(later);
    await reviewerWantsMail(t2);
    await new DossierFlow(t2, COMMUNE).advanceTo('district_review');
    expect(await deliver(t2)).toMatchObject({ retrying: 1 });
    const [waiting] = await outbox(t2);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.lastError).toContain('451');
    expect(Date.parse(waiting.nextAttemptAt) - t2.now().getTime()).toBe(RETRY_DELAYS_MS[0]);
    // Not before its time.
    expect(await deliver(t2)).toEqual({ sent: 0, retrying: 0, failed: 0, expired: 0 });
  });

  it('waits out a server that is down with growing delays, sends when it is back, gives up after the last', async () => {
    const port = await closedPort();
    const t = await appWith(null, port);
    await reviewerWantsMail(t);
    await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    expect(await deliver(t)).toMatchObject({ retrying: 1 });
    const [first] = await outbox(t);
    expect(first.lastError).toMatch(/ECONNREFUSED|connect/i);
    t.setNow(new Date(Date.parse(first.nextAttemptAt) + 1000));
    expect(await deliver(t)).toMatchObject({ retrying: 1 });
    const [second] = await outbox(t);
    expect(Date.parse(second.nextAttemptAt) - t.now().getTime()).toBe(RETRY_DELAYS_MS[1]);

    // The server is back on its port: the next attempt delivers.
    const smtp = await startTestSmtp({ port });
    cleanups.push(() => smtp.close());
    t.setNow(new Date(Date.parse(second.nextAttemptAt) + 1000));
    expect(await deliver(t)).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect((await outbox(t))[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('marks a message failed once its retries are used up', async () => {
    const port = await closedPort();
    const t = await appWith(null, port);
    await reviewerWantsMail(t);
    await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    for (let i = 0; i <= RETRY_DELAYS_MS.length; i++) {
      const [m] = await outbox(t);
      t.setNow(new Date(Date.parse(m.nextAttemptAt) + 1000));
      await deliver(t);
    }
    expect((await outbox(t))[0]).toMatchObject({ status: 'failed', attempts: RETRY_DELAYS_MS.length + 1 });
  });

  it('never sends news past its time (a server down for days)', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const t = await appWith(smtp);
    await reviewerWantsMail(t);
    await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    t.setNow(new Date(t.now().getTime() + 4 * 24 * 60 * 60 * 1000));
    expect(await deliver(t)).toMatchObject({ expired: 1, sent: 0 });
    expect((await outbox(t))[0].status).toBe('expired');
    expect(smtp.received).toHaveLength(0);
  });

  it('without SMTP settings sends nothing and fails nothing: events go on, mail waits in the outbox', async () => {
    const t = await appWith(null);
    expect(t.ctx.config.mail).toBeNull();
    await reviewerWantsMail(t);
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    expect((await flow.get()).state).toBe('district_review');
    expect((await outbox(t)).map((m) => m.status)).toEqual(['pending']);
    const stop = scheduleMailWorker(t.ctx, () => undefined);
    stop();
    // A forgot-password link could never arrive: the user is told whom to ask instead.
    const res = await (
      await import('supertest')
    )
      .default(t.app)
      .post('/api/password-resets')
      .send({ login: 'yenlam' });
    expect([res.status, res.body.error.code]).toEqual([422, 'mail_not_configured']);
    expect(res.body.error.message).toContain('quản trị viên');
    expect(await t.ds.getRepository(User).countBy({ mustChangePassword: true })).toBe(0);
  });

  it('shows the admin the outbox, each message’s state and last error, and whether SMTP is set', async () => {
    const refusing = await startTestSmtp({ refuse: 550 });
    cleanups.push(() => refusing.close());
    const t = await appWith(refusing);
    await reviewerWantsMail(t);
    await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    await deliver(t);
    const admin = (await import('supertest')).default.agent(t.app);
    await admin.post('/api/session').send({ username: 'admin', password: 'Demo@2025' }).expect(200);
    const page = (await admin.get('/admin/mail').expect(200)).text;
    expect(page).toContain('nahang.138@tuyenquang.gov.vn');
    expect(page).toContain('Không gửi được');
    expect(page).toContain('550');
    expect(page).toContain('Gửi qua máy chủ 127.0.0.1');
    expect(page).not.toContain('/dossiers/'); // no links (a reset link would open an account)
    expect((await (await t.as('nahang')).get('/admin/mail')).status).toBe(403);
  });
});
