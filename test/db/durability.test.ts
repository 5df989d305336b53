import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataSourceOptions, openDataSource, sqliteSyncFrom } from '../../src/db/data-source';

const onSqlite = process.env.TEST_DATABASE !== 'postgres';

describe.skipIf(!onSqlite)('SQLite durability', () => {
  const open = async (sync?: 'FULL' | 'NORMAL') => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-sync-'));
    const ds = await openDataSource(dataSourceOptions(undefined, dir), sync);
    const [row] = (await ds.query('PRAGMA synchronous')) as { synchronous: number }[];
    await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    return row.synchronous;
  };

  it('syncs every commit by default (FULL = 2): acknowledged means on disk', async () => {
    expect(sqliteSyncFrom(undefined)).toBe('FULL');
    expect(await open()).toBe(2);
  });

  it('NORMAL only when asked for; anything else is refused at start-up', async () => {
    expect(await open(sqliteSyncFrom('normal'))).toBe(1);
    expect(() => sqliteSyncFrom('OFF')).toThrow(/FULL or NORMAL/);
  });
});
