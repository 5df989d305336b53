import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent, MailMessage, PasswordReset } from '../../entities';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { createMailTransport, deliverDueMail } from '../../src/mail/mail-worker';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageToken } from '../web/page-session';

let t: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ now: new Date('2026-10-05T03:00:00Z'), config: { mail: smtp.config } });
  for (const [username, email] of [
    ['minhhuong', 'minhhuong@tuyenquang.gov.vn'],
    ['yenphu', 'yenphu@tuyenquang.gov.vn'],
  ]) {
    await (
      await t.as(username)
    )
      .patch('/api/account')
      .send({ email, mailKinds: [], mailDigest: false })
      .expect(200);
  }
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const ask = (login: string) => request(t.app).post('/api/password-resets').send({ login });
const complete = (token: string, password: string) =>
  request(t.app).post('/api/password-resets/complete').send({ token, password });
/** Sends the outbox and returns the token of the newest reset mail that arrived. */
async function linkFromMail(): Promise<{ url: string; token: string }> {
  await deliverDueMail(t.ctx, createMailTransport(smtp.config));
  const text = smtp.received.at(-1)?.text ?? '';
  const url = /(http\S+\/reset-password\?token=([A-Za-z0-9_-]+))/.exec(text);
  expect(url, text).toBeTruthy();
  return { url: url?.[1] ?? '', token: url?.[2] ?? '' };
}

describe('forgot password: a single-use, short-lived link by e-mail', () => {
  it('answers the same for any name, and mails only an account with an address', async () => {
    const before = smtp.received.length;
    const answers = await Promise.all(
      ['minhhuong', 'khongco', 'lambinh', 'MinhHuong@TuyenQuang.gov.vn'].map(ask),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.message)).size).toBe(1);
    await deliverDueMail(t.ctx, createMailTransport(smtp.config));
    // lambinh has no address; the unknown name is nobody: two mails, both to Minh Hương.
    const mails = smtp.received.slice(before);
    expect(mails.map((m) => m.subject)).toEqual([
      '[Điển hình] Đặt lại mật khẩu',
      '[Điển hình] Đặt lại mật khẩu',
    ]);
    expect(mails[0].text).toContain('minhhuong');
    expect(mails[0].text).toContain('30 phút');
    // Only a hash of the token is kept, and the sent mail is the only place the link exists.
    const rows = await t.ds.getRepository(PasswordReset).find();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
    expect((await ask('')).status).toBe(400);
  });

  it('sets a new password once through the link, ends every session, and spends the other links', async () => {
    const session = await t.as('yenphu');
    await ask('yenphu').expect(202);
    const older = await linkFromMail();
    await ask('yenphu').expect(202);
    const { url, token } = await linkFromMail();
    expect(url.startsWith(`${t.ctx.config.publicUrl}/reset-password?token=`)).toBe(true);

    // The page reached from the mail: the account named, the policy applied beside the field.
    const agent = request.agent(t.app);
    const page = await agent.get(`/reset-password?token=${token}`).expect(200);
    expect(page.text).toContain('<strong>yenphu</strong>');
    const csrf = await pageToken(agent, `/reset-password?token=${token}`);
    const weak = await agent
      .post('/reset-password')
      .type('form')
      .send({ _csrf: csrf, token, password: '12345678', confirmPassword: '12345678' });
    expect(weak.status).toBe(422);
    expect(weak.text).toMatch(/id="f-password"[^>]*aria-invalid="true"/);
    const done = await agent
      .post('/reset-password')
      .type('form')
      .send({ _csrf: csrf, token, password: 'BinhAn2026xy', confirmPassword: 'BinhAn2026xy' });
    expect([done.status, done.headers.location]).toEqual([303, '/login']);

    await session.get('/api/session').expect(401);
    await request(t.app)
      .post('/api/session')
      .send({ username: 'yenphu', password: DEMO_PASSWORD })
      .expect(401);
    await request(t.app)
      .post('/api/session')
      .send({ username: 'yenphu', password: 'BinhAn2026xy' })
      .expect(200);
    // Used: the same link, and the older one, no longer work.
    for (const spent of [token, older.token]) {
      const again = await complete(spent, 'LanNuaMoi2026');
      expect([again.status, again.body.error.code]).toEqual([422, 'reset_link_invalid']);
    }
    expect((await request(t.app).get(`/reset-password?token=${token}`)).status).toBe(410);
    const event = await t.ds
      .getRepository(AdminEvent)
      .findOneByOrFail({ action: 'user.password_reset_by_link' });
    expect(event.actorUsername).toBe('yenphu');
  });

  it('expires after 30 minutes, and sends no more than three links an hour', async () => {
    const sentBefore = await t.ds
      .getRepository(MailMessage)
      .countBy({ toAddress: 'minhhuong@tuyenquang.gov.vn' });
    await ask('minhhuong').expect(202);
    const { token } = await linkFromMail();
    t.setNow(new Date(t.now().getTime() + 31 * 60_000));
    expect((await complete(token, 'MinhHuong2026x')).body.error.code).toBe('reset_link_invalid');
    // Three links in the last hour (two from the first test, one here): more are answered but not sent.
    await ask('minhhuong').expect(202);
    await ask('minhhuong').expect(202);
    const count = () => t.ds.getRepository(MailMessage).countBy({ toAddress: 'minhhuong@tuyenquang.gov.vn' });
    expect((await count()) - sentBefore).toBe(1);
    t.setNow(new Date(t.now().getTime() + 30 * 60_000));
    await ask('minhhuong').expect(202);
    expect((await count()) - sentBefore).toBe(2);
  });
});
