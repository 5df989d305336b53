import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../entities';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { maxLoginFailuresPerClient: 20 } });
});
afterAll(async () => {
  await t.close();
});

/** A login from the client `ip` (through the trusted local proxy, as behind a load balancer). */
const attempt = (ip: string, username: string, password = 'Matkhau@2025') =>
  request(t.app).post('/api/session').set('X-Forwarded-For', ip).send({ username, password });

describe('password spraying: one client trying one password on many names', () => {
  it('is stopped by a per-client limit kept in the database, beside the per-name one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await attempt('203.0.113.7', `canbo${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // Even the right password of a real account waits: the client is locked, not the names.
    const real = await attempt('203.0.113.7', 'thuongnong', DEMO_PASSWORD);
    expect(real.status).toBe(429);
    expect(real.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(await t.ds.getRepository(LoginThrottle).existsBy({ key: 'ip:203.0.113.7' })).toBe(true);
  });

  it('another client is not affected, and one account it owns does not reset its count', async () => {
    expect((await attempt('198.51.100.9', 'thuongnong', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 19; i++) await attempt('198.51.100.9', `khac${i}`);
    expect((await attempt('198.51.100.9', 'thuongnong', DEMO_PASSWORD)).status).toBe(200);
    expect((await attempt('198.51.100.9', 'khac-cuoi')).status).toBe(401);
    expect((await attempt('198.51.100.9', 'khac-nua')).status).toBe(429);
  });
});
