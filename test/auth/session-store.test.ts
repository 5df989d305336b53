import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, User } from '../../entities';
import { DatabaseSessionStore } from '../../src/auth/session-store';
import { dataSourceOptions, openDataSource } from '../../src/db/data-source';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let second: DataSource;
beforeAll(async () => {
  t = await createTestApp();
  second = await openDataSource(dataSourceOptions(t.ctx.config.databaseUrl, t.ctx.config.dataDir));
});
afterAll(async () => {
  await second.destroy();
  await t.close();
});

const inAMinute = () => new Date(Date.now() + 60_000);

describe('the session store', () => {
  it('stores a new session once: a second insert of the same id from another instance is refused', async () => {
    const user = await t.ds.getRepository(User).findOneByOrFail({ username: 'noivu' });
    const json = JSON.stringify({ passport: { user: user.id } });
    const stores = [new DatabaseSessionStore(t.ds), new DatabaseSessionStore(second)];
    const results = await Promise.allSettled(stores.map((s) => s.insert('same-sid', json, inAMinute())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rows = await t.ds.getRepository(Session).findBy({ sid: 'same-sid' });
    expect(rows).toHaveLength(1);
    expect(rows[0].userId).toBe(user.id);
    const loaded = await stores[1].load('same-sid');
    expect(loaded?.data).toEqual({ passport: { user: user.id } });
    expect(loaded?.user?.id).toBe(user.id);
  });

  it('updates a session in place; one without a login names no user', async () => {
    const store = new DatabaseSessionStore(t.ds);
    await store.insert('sid-2', JSON.stringify({ passport: { user: 'someone' } }), inAMinute());
    expect(await store.update('sid-2', '{}', inAMinute())).toBe(true);
    const row = await t.ds.getRepository(Session).findOneByOrFail({ sid: 'sid-2' });
    expect(row.userId).toBeNull();
    expect(JSON.parse(row.data)).not.toHaveProperty('passport');
  });

  it('does not bring back a session deleted meanwhile', async () => {
    const store = new DatabaseSessionStore(t.ds);
    await store.insert('sid-gone', '{"csrfToken":"x"}', inAMinute());
    await store.destroy('sid-gone');
    expect(await store.update('sid-gone', '{"csrfToken":"y"}', inAMinute())).toBe(false);
    expect(await t.ds.getRepository(Session).countBy({ sid: 'sid-gone' })).toBe(0);
  });

  it('treats an expired session as none', async () => {
    const store = new DatabaseSessionStore(t.ds);
    await store.insert('sid-old', '{}', new Date(Date.now() - 1000));
    expect(await store.load('sid-old')).toBeNull();
  });

  it('reads a session written by express-session, leaving out its cookie settings', async () => {
    const store = new DatabaseSessionStore(t.ds);
    const cookie = { originalMaxAge: 60_000, expires: inAMinute(), httpOnly: true, path: '/' };
    await store.insert('sid-express', JSON.stringify({ cookie, csrfToken: 'abc' }), inAMinute());
    const loaded = await store.load('sid-express');
    expect(loaded?.data).toEqual({ csrfToken: 'abc' });
    expect(loaded?.json).toBe('{"csrfToken":"abc"}');
  });
});
