import type session from 'express-session';
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

const save = (store: DatabaseSessionStore, sid: string, data: session.SessionData) =>
  new Promise<void>((resolve, reject) => store.set(sid, data, (err) => (err ? reject(err) : resolve())));
const load = (store: DatabaseSessionStore, sid: string) =>
  new Promise<session.SessionData | null | undefined>((resolve, reject) =>
    store.get(sid, (err, data) => (err ? reject(err) : resolve(data))),
  );

describe('the session store', () => {
  it('saves one new session from two instances at once, the row naming its user', async () => {
    const user = await t.ds.getRepository(User).findOneByOrFail({ username: 'noivu' });
    const cookie = { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) } as session.Cookie;
    const data = { cookie, passport: { user: user.id } } as session.SessionData;
    const stores = [new DatabaseSessionStore(t.ds), new DatabaseSessionStore(second)];
    await Promise.all([save(stores[0], 'same-sid', data), save(stores[1], 'same-sid', data)]);
    const rows = await t.ds.getRepository(Session).findBy({ sid: 'same-sid' });
    expect(rows).toHaveLength(1);
    expect(rows[0].userId).toBe(user.id);
    expect((await load(stores[1], 'same-sid')) as unknown).toMatchObject({ passport: { user: user.id } });
  });

  it('updates a session in place; one without a login names no user', async () => {
    const store = new DatabaseSessionStore(t.ds);
    const cookie = { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) } as session.Cookie;
    await save(store, 'sid-2', { cookie, passport: { user: 'someone' } } as session.SessionData);
    await save(store, 'sid-2', { cookie } as session.SessionData);
    const row = await t.ds.getRepository(Session).findOneByOrFail({ sid: 'sid-2' });
    expect(row.userId).toBeNull();
    expect(JSON.parse(row.data)).not.toHaveProperty('passport');
  });

  it('treats an expired session as none', async () => {
    const store = new DatabaseSessionStore(t.ds);
    const cookie = { originalMaxAge: 1, expires: new Date(Date.now() - 1000) } as session.Cookie;
    await save(store, 'sid-old', { cookie } as session.SessionData);
    expect(await load(store, 'sid-old')).toBeNull();
  });
});
