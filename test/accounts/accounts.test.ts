import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent, User } from '../../entities';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { oneTimePasswordOn } from '../users/account-sessions.test';
import { pageLogin, pageToken, postForm } from '../web/page-session';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string) =>
  request(t.app).post('/api/session').send({ username, password });
const agentOf = async (username: string, password = DEMO_PASSWORD) => {
  const agent = request.agent(t.app);
  await agent.post('/api/session').send({ username, password }).expect(200);
  return agent;
};
const fieldOf = (res: request.Response) =>
  (res.body.error.details?.fields as { field: string; message: string }[] | undefined)?.[0];

describe('changing one’s own password', () => {
  it('needs the current password and a good new one; ends the other sessions and keeps this one', async () => {
    const desk = await agentOf('linhphu');
    const phone = await agentOf('linhphu');
    const change = (currentPassword: string, newPassword: string) =>
      desk.post('/api/account/password').send({ currentPassword, newPassword });

    const wrong = await change('Sai@2025x', 'BaoVeAnNinh2026');
    expect([wrong.status, wrong.body.error.code, fieldOf(wrong)?.field]).toEqual([
      422,
      'wrong_password',
      'currentPassword',
    ]);
    for (const [weak, message] of [
      ['abc', 'ít nhất 8 ký tự'],
      ['Password123', 'quá phổ biến'],
      ['linhphu2026', 'tên đăng nhập'],
      ['chiconchu', 'cả chữ và số'],
      [DEMO_PASSWORD, 'khác mật khẩu hiện tại'],
    ]) {
      const res = await change(DEMO_PASSWORD, weak);
      expect(res.status, weak).toBe(422);
      expect(fieldOf(res)?.field).toBe('newPassword');
      expect(fieldOf(res)?.message).toContain(message);
    }
    expect((await desk.post('/api/account/password').send({ newPassword: 'x' })).status).toBe(400);
    await phone.get('/api/session').expect(200); // nothing changed so far

    await change(DEMO_PASSWORD, 'BaoVeAnNinh2026').then((r) => expect(r.status).toBe(204));
    await desk.get('/api/session').expect(200);
    await phone.get('/api/session').expect(401);
    expect((await login('linhphu', DEMO_PASSWORD)).status).toBe(401);
    expect((await login('linhphu', 'BaoVeAnNinh2026')).status).toBe(200);
    const event = await t.ds.getRepository(AdminEvent).findOneByOrFail({ action: 'user.password_changed' });
    expect(event.actorUsername).toBe('linhphu');
  });

  it('on the page: mismatched or wrong entries are said beside their field; the Ministry may change its own', async () => {
    const agent = request.agent(t.app);
    await pageLogin(agent, 'bocongan');
    const page = await agent.get('/account/password').expect(200);
    expect(page.text).toContain('Mật khẩu hiện tại');
    const post = (fields: Record<string, string>) => postForm(agent, '/account/password', fields);
    await post({
      currentPassword: DEMO_PASSWORD,
      newPassword: 'GiamSat2026',
      confirmPassword: 'GiamSat2027',
    });
    const refused = await agent.get('/account/password');
    expect(refused.text).toMatch(/id="f-confirmPassword"[^>]*aria-invalid="true"/);
    expect(refused.text).toContain('Hai lần nhập mật khẩu mới không khớp.');
    expect(refused.text).not.toContain('GiamSat2026'); // passwords are never written back into a page
    const ok = await post({
      currentPassword: DEMO_PASSWORD,
      newPassword: 'GiamSat2026',
      confirmPassword: 'GiamSat2026',
    });
    expect([ok.status, ok.headers.location]).toEqual([303, '/']);
    expect((await agent.get('/')).text).toContain('Đã đổi mật khẩu.');
    expect((await login('bocongan', 'GiamSat2026')).status).toBe(200);
  });
});

describe('a one-time password from an admin reset', () => {
  it('lets the user in only to choose their own password', async () => {
    const admin = request.agent(t.app);
    await pageLogin(admin, 'admin');
    const user = await t.ds.getRepository(User).findOneByOrFail({ username: 'trungminh' });
    await postForm(admin, `/admin/users/${user.id}/password`, {}).then((r) => expect(r.status).toBe(303));
    const oneTime = oneTimePasswordOn((await admin.get('/admin/users')).text);
    expect(oneTime).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((await login('trungminh', DEMO_PASSWORD)).status).toBe(401);

    const agent = request.agent(t.app);
    const token = await pageToken(agent, '/login');
    await agent.post('/login').type('form').send({ _csrf: token, username: 'trungminh', password: oneTime });
    // API: refused with a code a client can act on; pages: led to the change form.
    const api = await agent.get('/api/dossiers');
    expect([api.status, api.body.error.code]).toEqual([403, 'password_change_required']);
    const home = await agent.get('/');
    expect([home.status, home.headers.location]).toEqual([303, '/account/password']);
    const form = await agent.get('/account/password').expect(200);
    expect(form.text).toContain('mật khẩu dùng một lần');
    expect((await agent.get('/api/session')).body.user.mustChangePassword).toBe(true);
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const changed = await agent.post('/account/password').type('form').send({
      _csrf: csrf,
      currentPassword: oneTime,
      newPassword: 'ThuongXuyen2026',
      confirmPassword: 'ThuongXuyen2026',
    });
    expect(changed.status).toBe(303);
    const after = await agent.get('/');
    expect([after.status, after.headers.location]).toEqual([200, undefined]);
    await agent.get('/api/dossiers').expect(200);
    expect((await t.ds.getRepository(User).findOneByOrFail({ id: user.id })).mustChangePassword).toBe(false);
  });

  it('is what an account created by an admin starts with', async () => {
    const admin = request.agent(t.app);
    await pageLogin(admin, 'admin');
    await postForm(admin, '/admin/users', {
      username: 'canbo.thamdinh',
      displayName: 'Nguyễn Thẩm Định',
      password: 'KhoiTao2026x',
      role: 'provincial_appraiser',
      province: 'TQ',
    }).then((r) => expect(r.status).toBe(303));
    const res = await login('canbo.thamdinh', 'KhoiTao2026x');
    expect(res.body.user.mustChangePassword).toBe(true);
  });
});

describe('e-mail settings', () => {
  it('keep an address and the kinds chosen; refuse a bad address or kinds without one', async () => {
    const agent = await agentOf('hamyen');
    const bad = await agent
      .patch('/api/account')
      .send({ email: 'không phải email', mailKinds: [], mailDigest: false });
    expect([bad.status, fieldOf(bad)?.field]).toEqual([400, 'email']);
    const none = await agent
      .patch('/api/account')
      .send({ email: '', mailKinds: ['overdue'], mailDigest: false });
    expect([none.status, none.body.error.code, fieldOf(none)?.field]).toEqual([
      422,
      'email_required',
      'email',
    ]);
    const kind = await agent
      .patch('/api/account')
      .send({ email: 'a@b.vn', mailKinds: ['spam'], mailDigest: false });
    expect(kind.status).toBe(400);
    const ok = await agent.patch('/api/account').send({
      email: 'hamyen@tuyenquang.gov.vn',
      mailKinds: ['overdue', 'action_required'],
      mailDigest: true,
    });
    expect(ok.body).toMatchObject({
      email: 'hamyen@tuyenquang.gov.vn',
      mailKinds: ['overdue', 'action_required'],
      mailDigest: true,
    });
    expect((await agent.get('/api/account')).body.mailKinds).toEqual(['overdue', 'action_required']);
  });

  it('on the page, with labels; a refusal keeps what was typed', async () => {
    const agent = request.agent(t.app);
    await pageLogin(agent, 'yenson');
    const page = await agent.get('/account').expect(200);
    expect(page.text).toContain('Hồ sơ quá hạn');
    expect(page.text).not.toContain('>overdue<');
    await postForm(agent, '/account/mail', { email: 'sai@', mailKinds: ['overdue'], mailDigest: '0' });
    const refused = await agent.get('/account');
    expect(refused.text).toMatch(/id="f-email"[^>]*value="sai@"/);
    expect(refused.text).toMatch(/id="f-email"[^>]*aria-invalid="true"/);
    await postForm(agent, '/account/mail', {
      email: 'yenson@tuyenquang.gov.vn',
      mailKinds: ['overdue', 'outcome'],
      mailDigest: '1',
    });
    const row = await t.ds.getRepository(User).findOneByOrFail({ username: 'yenson' });
    expect([row.email, row.mailKinds, row.mailDigest]).toEqual([
      'yenson@tuyenquang.gov.vn',
      'overdue,outcome',
      true,
    ]);
  });
});

describe('the login page', () => {
  it('marks the demo accounts as such, with their roles, and offers a forgotten-password link', async () => {
    const page = await request(t.app).get('/login').expect(200);
    expect(page.text).toContain('Tài khoản dùng thử');
    expect(page.text).toContain('<code>yenlam</code> — Cán bộ đơn vị');
    expect(page.text).toContain(DEMO_PASSWORD);
    expect(page.text).not.toContain('canbo.thamdinh'); // a real account is never listed
    expect(page.text).toContain('href="/forgot-password"');
  });

  it('tells a locked account so only after the right password', async () => {
    await t.ds.getRepository(User).update({ username: 'tanthanh' }, { active: false });
    const agent = request.agent(t.app);
    // The token first: a supertest agent attaches its cookies when the request is created.
    const csrf = await pageToken(agent, '/login');
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, username: 'tanthanh', password: 'Sai@2025x' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(wrong.text).not.toContain('khóa');
    const right = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, username: 'tanthanh', password: DEMO_PASSWORD });
    expect(right.status).toBe(403);
    expect(right.text).toContain('Tài khoản của bạn đang bị khóa');
  });
});
