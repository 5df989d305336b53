import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, User } from '../../entities';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
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

  it('a disabled account loses its open session at the next request', async () => {
    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'yenlam', password: DEMO_PASSWORD });
    const cookie = cookieOf(login);
    await t.ds.getRepository(User).update({ username: 'yenlam' }, { active: false });
    expect((await request(t.app).get('/api/session').set('cookie', cookie)).status).toBe(401);
    expect(
      (await request(t.app).post('/api/session').send({ username: 'yenlam', password: DEMO_PASSWORD }))
        .status,
    ).toBe(401);
  });
});
