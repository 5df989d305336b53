import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../src/db/sqlite-driver';

// The driver is SQLite's alone; these tests run on a SQLite file whatever TEST_DATABASE says.
let dir: string;
let ds: DataSource;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-driver-'));
  ds = new DataSource({ type: 'sqlite', database: path.join(dir, 'd.sqlite'), driver: sqliteDriver });
  await ds.initialize();
  await ds.query('PRAGMA journal_mode = WAL');
  await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  await ds.query(`INSERT INTO t (id, v) VALUES (1, 'một'), (2, 'hai')`);
});
afterAll(async () => {
  if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (id: number) => ds.query('SELECT v FROM t WHERE id = ?', [id]) as Promise<{ v: string }[]>;

describe('the SQLite driver with reused SELECT statements', () => {
  it('answers a reused statement with the data as it is now, for each set of parameters', async () => {
    expect(await read(1)).toEqual([{ v: 'một' }]);
    expect(await read(2)).toEqual([{ v: 'hai' }]);
    await ds.query(`UPDATE t SET v = 'mốt' WHERE id = 1`);
    expect(await read(1)).toEqual([{ v: 'mốt' }]);
    expect(await read(3)).toEqual([]);
    const both = await Promise.all([read(1), read(2), read(1), read(2)]);
    expect(both.map((rows) => rows[0].v)).toEqual(['mốt', 'hai', 'mốt', 'hai']);
    // A new text run by several queries at once is prepared by each, and kept once.
    const fresh = await Promise.all(
      [1, 2, 1, 2, 1].map((id) => ds.query('SELECT v AS w FROM t WHERE id = ?', [id])),
    );
    expect(fresh.map((rows) => rows[0].w)).toEqual(['mốt', 'hai', 'mốt', 'hai', 'mốt']);
  });

  it('sees a transaction from inside it, and not after it rolls back', async () => {
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`UPDATE t SET v = 'tạm' WHERE id = 2`);
    expect(await runner.query('SELECT v FROM t WHERE id = ?', [2])).toEqual([{ v: 'tạm' }]);
    await runner.rollbackTransaction();
    await runner.release();
    expect(await read(2)).toEqual([{ v: 'hai' }]);
  });

  it('holds no read snapshot between queries: a full checkpoint is never blocked', async () => {
    for (let i = 0; i < 50; i++) await read(1 + (i % 2));
    await ds.query(`INSERT INTO t (id, v) VALUES (3, 'ba')`);
    const [result] = (await ds.query('PRAGMA wal_checkpoint(TRUNCATE)')) as { busy: number }[];
    expect(result.busy).toBe(0);
    expect(await read(3)).toEqual([{ v: 'ba' }]);
  });

  it('keeps a bounded number of statements and still answers every text', async () => {
    for (let i = 0; i < 300; i++) {
      const rows = (await ds.query(`SELECT v, ${i} AS n FROM t WHERE id = ?`, [1])) as { n: number }[];
      expect(rows[0].n).toBe(i);
    }
  });

  it('reports errors as TypeORM does, and keeps working after one', async () => {
    await expect(ds.query('SELECT nope FROM t WHERE id = ?', [1])).rejects.toThrow(/no such column/);
    await expect(ds.query('SELECT nope FROM t WHERE id = ?', [1])).rejects.toThrow(/no such column/);
    expect(await read(1)).toEqual([{ v: 'mốt' }]);
    // An error while running a kept statement (not while preparing it) is answered too.
    const json = (text: string) => ds.query(`SELECT json_extract(?, '$.a') AS a`, [text]);
    expect(await json('{"a":1}')).toEqual([{ a: 1 }]);
    await expect(json('{không phải JSON')).rejects.toThrow(/malformed JSON/);
    expect(await json('{"a":2}')).toEqual([{ a: 2 }]);
  });

  it('closes with statements prepared', async () => {
    await ds.destroy();
    expect(ds.isInitialized).toBe(false);
  });
});
