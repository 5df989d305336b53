import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppSetting } from '../../entities';
import { sessionSecret } from '../../src/auth/session-secret';
import { dataSourceOptions, openDataSource } from '../../src/db/data-source';
import { createTestApp, type TestApp } from '../helpers/test-app';
import type { DataSource } from 'typeorm';

let t: TestApp;
let second: DataSource;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  // A second connection to the same database stands for a second instance.
  second = await openDataSource(dataSourceOptions(t.ctx.config.databaseUrl, t.ctx.config.dataDir));
});
afterAll(async () => {
  await second.destroy();
  await t.close();
});

describe('session secret', () => {
  it('is the one from the environment when set', async () => {
    expect(await sessionSecret(t.ds, 'tu-moi-truong')).toBe('tu-moi-truong');
  });

  it('is created once when instances start together, and every instance reads the same one', async () => {
    await t.ds.getRepository(AppSetting).delete({ key: 'session_secret' });
    const secrets = await Promise.all([
      sessionSecret(t.ds, undefined),
      sessionSecret(second, undefined),
      sessionSecret(t.ds, undefined),
      sessionSecret(second, undefined),
    ]);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.ds.getRepository(AppSetting).countBy({ key: 'session_secret' })).toBe(1);
    expect(await sessionSecret(second, undefined)).toBe(secrets[0]);
  });
});
