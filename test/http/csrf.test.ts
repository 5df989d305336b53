import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Dossier, Session } from '../../entities';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageToken } from '../web/page-session';

describe('CSRF protection of cookie sessions', () => {
  let t: TestApp;
  let unitId = '';
  beforeAll(async () => {
    t = await createTestApp();
    const me = await (await t.as('thuongnong')).get('/api/session').expect(200);
    unitId = me.body.user.unitId;
  });
  afterAll(() => t.close());

  const year = () => Number(t.now().toISOString().slice(0, 4));
  const dossierCount = () => t.ds.getRepository(Dossier).count();

  it('refuses an API call from another site, and a browser call without the token; nothing changes', async () => {
    const agent = await t.as('thuongnong');
    const before = await dossierCount();
    const crossSite = await agent
      .post('/api/dossiers')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Origin', 'https://evil.example')
      .send({ unitId, year: year() });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe('cross_site_request');
    const noToken = await agent
      .post('/api/dossiers')
      .set('Origin', 'http://127.0.0.1')
      .send({ unitId, year: year() });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('csrf_failed');
    const wrongToken = await agent
      .post('/api/dossiers')
      .set('Origin', 'http://127.0.0.1')
      .set('X-CSRF-Token', 'not-the-token')
      .send({ unitId, year: year() });
    expect(wrongToken.status).toBe(403);
    expect(await dossierCount()).toBe(before);
  });

  it("accepts a page's script call that carries the session's token", async () => {
    const agent = request.agent(t.app);
    await agent.post('/api/session').send({ username: 'linhphu', password: DEMO_PASSWORD }).expect(200);
    const me = await agent.get('/api/session').expect(200);
    const token = await pageToken(agent);
    const res = await agent
      .post('/api/dossiers')
      .set('Origin', 'http://127.0.0.1')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('X-CSRF-Token', token)
      .send({ unitId: me.body.user.unitId, year: year() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('requires the token on every page form, the login form included', async () => {
    const agent = request.agent(t.app);
    const login = await agent
      .post('/login')
      .type('form')
      .send({ username: 'admin', password: DEMO_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.text).toContain('Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ');
    const token = await pageToken(agent, '/login');
    const ok = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'admin', password: DEMO_PASSWORD, next: '/admin/users' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/admin/users');
    // Logging out without the token does nothing.
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.get('/api/session').expect(200);
  });

  it('API clients that are not browsers (no Origin, no Sec-Fetch-Site) keep working without a token', async () => {
    const agent = await t.as('tanthanh');
    const me = await agent.get('/api/session').expect(200);
    await agent.post('/api/dossiers').send({ unitId: me.body.user.unitId, year: year() }).expect(201);
  });

  it("a visitor's login page stores nothing: the token is signed from a cookie until login", async () => {
    const before = await t.ds.getRepository(Session).count();
    for (let i = 0; i < 50; i++) {
      const res = await request(t.app).get('/login').expect(200);
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('dienhinh.sid');
    }
    expect(await t.ds.getRepository(Session).count()).toBe(before);
    // The visitor's token works for the login form, and only with its own cookie.
    const visitor = request.agent(t.app);
    const token = await pageToken(visitor, '/login');
    const stranger = await request(t.app)
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'thuongnong', password: DEMO_PASSWORD });
    expect(stranger.status).toBe(403);
    const ok = await visitor
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'thuongnong', password: DEMO_PASSWORD });
    expect(ok.status).toBe(303);
    await visitor.get('/api/session').expect(200);
  });
});
