import crypto from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../entities';
import { signedId, type SessionOptions } from '../../src/auth/session';
import { sessionSecret } from '../../src/auth/session-secret';
import { DatabaseSessionStore } from '../../src/auth/session-store';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let secure: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  secure = await createTestApp({ config: { secureCookies: true } });
});
afterAll(async () => {
  await secure.close();
  await t.close();
});

const setCookies = (res: request.Response): string[] =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).filter((c) =>
    c.startsWith('dienhinh.sid='),
  );
const sidOf = (setCookie: string): string =>
  decodeURIComponent(setCookie.split(';')[0].slice('dienhinh.sid='.length)).replace(/^s:/, '').split('.')[0];

/** A cookie for `sid` signed the way express-session (cookie-signature) signs it. */
async function signedCookie(app: TestApp, sid: string): Promise<string> {
  const secret = await sessionSecret(app.ds, process.env.SESSION_SECRET);
  const mac = crypto.createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `dienhinh.sid=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

const options = (secret: string): SessionOptions =>
  ({ cookieName: 'dienhinh.sid', secret }) as SessionOptions;

describe('the session cookie', () => {
  it('reads cookies signed as express-session signed them, and refuses any other', () => {
    // cookie-signature's own example: sign('hello', 'tobiiscool').
    const good = 's%3Ahello.DGDUkGlIkCzPz%2BC0B064FNgHdEjox7ch8tOBGslZ5QI';
    const o = options('tobiiscool');
    expect(signedId(`dienhinh.sid=${good}`, o)).toBe('hello');
    expect(signedId(`theme=dark; dienhinh.sid=${good}; other=1`, o)).toBe('hello');
    expect(signedId(`dienhinh.sid=${good}`, options('another secret'))).toBeNull();
    expect(signedId(`dienhinh.sid=${good.replace('hello', 'hellp')}`, o)).toBeNull();
    expect(signedId(`dienhinh.sid=${good.replace('DGD', 'DGE')}`, o)).toBeNull();
    expect(signedId(`dienhinh.sid=${good.replace('s%3A', '')}`, o)).toBeNull();
    expect(signedId('dienhinh.sid=%E0%A4%A', o)).toBeNull();
    expect(signedId(`other.sid=${good}`, o)).toBeNull();
    expect(signedId(undefined, o)).toBeNull();
  });

  it('is not sent, and nothing is stored, until something is put in the session', async () => {
    const before = await t.ds.getRepository(Session).count();
    const api = await request(t.app).get('/api/dossiers');
    expect(api.status).toBe(401);
    expect(setCookies(api)).toEqual([]);
    expect(await t.ds.getRepository(Session).count()).toBe(before);
    // The login page's form token is signed from a cookie of its own: still nothing stored.
    const page = await request(t.app).get('/login');
    expect(setCookies(page)).toEqual([]);
    expect(await t.ds.getRepository(Session).count()).toBe(before);
    // Logging in through that form puts the user in the session: now it is stored, and the cookie names it.
    const csrf = (page.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const token = /name="csrf-token" content="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const loggedIn = await request(t.app)
      .post('/login')
      .set('cookie', csrf)
      .type('form')
      .send({ _csrf: token, username: 'thuongnong', password: DEMO_PASSWORD });
    expect(loggedIn.status).toBe(303);
    const [cookie] = setCookies(loggedIn);
    expect(cookie).toBeDefined();
    expect(await t.ds.getRepository(Session).countBy({ sid: sidOf(cookie) })).toBe(1);
  });

  it('is HttpOnly, SameSite=Lax, for the whole site, ends 8 hours after the last change, and Secure when configured', async () => {
    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'thuongnong', password: DEMO_PASSWORD });
    const [cookie] = setCookies(login);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)?.[1] ?? '');
    expect(Math.abs(expires - (Date.now() + 8 * 3600_000))).toBeLessThan(60_000);
    const row = await t.ds.getRepository(Session).findOneByOrFail({ sid: sidOf(cookie) });
    expect(Math.abs(Date.parse(row.expiresAt) - expires)).toBeLessThan(1000);

    const onHttps = await request(secure.app)
      .post('/api/session')
      .send({ username: 'thuongnong', password: DEMO_PASSWORD });
    expect(setCookies(onHttps)[0]).toMatch(/; Secure/);
  });

  it('is not sent again, and nothing is written, by a request that changes nothing', async () => {
    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'nahang', password: DEMO_PASSWORD });
    const [cookie] = setCookies(login);
    const before = await t.ds.getRepository(Session).findOneByOrFail({ sid: sidOf(cookie) });
    const again = await request(t.app).get('/api/session').set('cookie', cookie.split(';')[0]);
    expect(again.status).toBe(200);
    expect(setCookies(again)).toEqual([]);
    // The cookie's signature is checked once; a cookie differing in one letter is checked anew and refused.
    const tampered = cookie.split(';')[0].replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await request(t.app).get('/api/session').set('cookie', tampered)).status).toBe(401);
    expect((await request(t.app).get('/api/session').set('cookie', cookie.split(';')[0])).status).toBe(200);
    expect(await t.ds.getRepository(Session).findOneByOrFail({ sid: sidOf(cookie) })).toEqual(before);
  });

  it('naming an unknown or expired session makes a visitor, whose id is never taken over', async () => {
    const chosen = await signedCookie(t, 'attacker-chosen-id');
    expect((await request(t.app).get('/api/session').set('cookie', chosen)).status).toBe(401);
    const page = await request(t.app).get('/login').set('cookie', chosen);
    expect(setCookies(page).map(sidOf)).not.toContain('attacker-chosen-id');
    expect(await t.ds.getRepository(Session).countBy({ sid: 'attacker-chosen-id' })).toBe(0);

    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'yenlam', password: DEMO_PASSWORD });
    const cookie = setCookies(login)[0].split(';')[0];
    await t.ds
      .getRepository(Session)
      .update({ sid: sidOf(cookie) }, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await request(t.app).get('/api/session').set('cookie', cookie)).status).toBe(401);
  });

  it('opened by express-session before the upgrade still works', async () => {
    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'noivu', password: DEMO_PASSWORD });
    const row = await t.ds.getRepository(Session).findOneByOrFail({ sid: sidOf(setCookies(login)[0]) });
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const cookieSettings = { originalMaxAge: 28_800_000, expires: row.expiresAt, httpOnly: true, path: '/' };
    await new DatabaseSessionStore(t.ds).insert(
      'opened-by-express-session',
      JSON.stringify({ cookie: cookieSettings, ...data }),
      new Date(Date.parse(row.expiresAt)),
    );
    const res = await request(t.app)
      .get('/api/session')
      .set('cookie', await signedCookie(t, 'opened-by-express-session'));
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('noivu');
  });

  it('ends at logout: the cookie is cleared and the stored session deleted', async () => {
    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'bcd138', password: DEMO_PASSWORD });
    const cookie = setCookies(login)[0];
    const out = await request(t.app).delete('/api/session').set('cookie', cookie.split(';')[0]);
    expect(out.status).toBe(204);
    expect(setCookies(out)).toHaveLength(1);
    expect(setCookies(out)[0]).toMatch(/^dienhinh\.sid=;.*Expires=Thu, 01 Jan 1970/);
    expect(await t.ds.getRepository(Session).countBy({ sid: sidOf(cookie) })).toBe(0);
  });
});
