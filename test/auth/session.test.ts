import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, User } from '../../entities';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  // The per-name rules are tested here; the per-client limit (login-spraying.test.ts) would stop them first.
  t = await createTestApp({ config: { maxLoginFailuresPerClient: 1000 } });
});
afterAll(async () => {
  await t.close();
});

const cookieOf = (res: request.Response): string =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? [])
    .find((c) => c.startsWith('dienhinh.sid='))
    ?.split(';')[0] ?? '';

describe('sessions', () => {
  it('logs in with the right password only, with one message for unknown user and wrong password', async () => {
    const wrong = await request(t.app)
      .post('/api/session')
      .send({ username: 'thuongnong', password: 'sai-mat-khau' });
    const unknown = await request(t.app)
      .post('/api/session')
      .send({ username: 'khongco', password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect((await request(t.app).post('/api/session').send({ username: '' })).status).toBe(400);

    const ok = await request(t.app)
      .post('/api/session')
      .send({ username: 'ThuongNong', password: DEMO_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({
      username: 'thuongnong',
      role: 'unit_officer',
      unitName: 'Xã Thượng Nông',
    });
    expect(ok.body.user.passwordHash).toBeUndefined();
    const cookie = ok.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('keeps sessions in the database, regenerates the id at login, and destroys it at logout', async () => {
    const first = await request(t.app)
      .post('/api/session')
      .send({ username: 'nahang', password: DEMO_PASSWORD });
    const firstCookie = cookieOf(first);
    const again = await request(t.app)
      .post('/api/session')
      .set('cookie', firstCookie)
      .send({ username: 'nahang', password: DEMO_PASSWORD });
    const secondCookie = cookieOf(again);
    expect(secondCookie).not.toBe('');
    expect(secondCookie).not.toBe(firstCookie);
    // The pre-login id no longer works (no session fixation).
    expect((await request(t.app).get('/api/session').set('cookie', firstCookie)).status).toBe(401);
    expect(
      (await request(t.app).get('/api/session').set('cookie', secondCookie)).body.user.districtName,
    ).toBe('Huyện Na Hang');
    expect(await t.ds.getRepository(Session).count()).toBeGreaterThan(0);

    await request(t.app).delete('/api/session').set('cookie', secondCookie).expect(204);
    expect((await request(t.app).get('/api/session').set('cookie', secondCookie)).status).toBe(401);
  });

  it('a disabled account loses its open session at the next request; it is told it is locked only after the right password', async () => {
    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'yenlam', password: DEMO_PASSWORD });
    const cookie = cookieOf(login);
    await t.ds.getRepository(User).update({ username: 'yenlam' }, { active: false });
    expect((await request(t.app).get('/api/session').set('cookie', cookie)).status).toBe(401);
    // The right password learns that the account is locked (403); a wrong one learns nothing (401).
    const right = await request(t.app)
      .post('/api/session')
      .send({ username: 'yenlam', password: DEMO_PASSWORD });
    expect([right.status, right.body.error.code]).toEqual([403, 'account_locked']);
    expect(right.body.error.message).toContain('đang bị khóa');
    const wrong = await request(t.app)
      .post('/api/session')
      .send({ username: 'yenlam', password: 'Sai@2025x' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);
  });
});

describe('login throttling (kept in the database, shared by all instances)', () => {
  const login = (username: string, password: string) =>
    request(t.app).post('/api/session').send({ username, password });

  it('locks a username for 15 minutes after 5 wrong passwords, even for the right one, then lets it in', async () => {
    const start = new Date('2026-11-23T02:00:00Z');
    t.setNow(start);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login('minhhuong', `sai-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await login('MinhHuong', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({
      code: 'too_many_attempts',
      details: { retryAfterSeconds: 900 },
    });
    expect(locked.body.error.message).toContain('Vui lòng thử lại sau 15 phút');
    // Other accounts are not affected.
    expect((await login('yenphu', DEMO_PASSWORD)).status).toBe(200);
    t.setNow(new Date(start.getTime() + 16 * 60 * 1000));
    expect((await login('minhhuong', DEMO_PASSWORD)).status).toBe(200);
  });

  it('counts failures within a window only, and a successful login clears them', async () => {
    const start = new Date('2026-11-24T02:00:00Z');
    t.setNow(start);
    for (let i = 0; i < 4; i++) await login('tanthanh', 'sai');
    expect((await login('tanthanh', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login('tanthanh', 'sai');
    // 20 minutes later the window has moved on: four more failures do not lock.
    t.setNow(new Date(start.getTime() + 20 * 60 * 1000));
    for (let i = 0; i < 4; i++) expect((await login('tanthanh', 'sai')).status).toBe(401);
    expect((await login('tanthanh', DEMO_PASSWORD)).status).toBe(200);
    t.setNow(new Date());
  });
});
