import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../../entities';
import { MIGRATIONS } from '../../migrations';
import { sqliteDriver } from './sqlite-driver';
import { withStartupLock } from './startup';

/** Builds TypeORM options from a DATABASE_URL (see README): SQLite file, `:memory:`, or PostgreSQL. */
export function dataSourceOptions(databaseUrl: string | undefined, dataDir: string): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { ...common, type: 'postgres', url: databaseUrl, extra: { max: 10 } };
  }
  const file = databaseUrl?.startsWith('sqlite:')
    ? databaseUrl.slice('sqlite:'.length)
    : path.join(dataDir, 'dienhinh.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return { ...common, type: 'sqlite', database: file, busyErrorRetry: 100, driver: sqliteDriver };
}

/** How SQLite syncs its write-ahead log: FULL (the default) or NORMAL (faster, may lose the last commits). */
export type SqliteSync = 'FULL' | 'NORMAL';

/**
 * SQLITE_SYNCHRONOUS from the environment. FULL by default: an acknowledged transaction is on disk, as
 * PostgreSQL promises; with NORMAL a power loss may drop transactions already acknowledged (WAL mode).
 */
export function sqliteSyncFrom(value: string | undefined): SqliteSync {
  const v = (value ?? 'FULL').trim().toUpperCase();
  if (v === 'FULL' || v === 'NORMAL') return v;
  throw new Error(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, not "${value}"`);
}

/**
 * Opens the database, tunes SQLite (WAL, durable commits, foreign keys off: integrity lives in services)
 * and migrates (under the start-up lock, so that instances starting together migrate once).
 */
export async function openDataSource(
  options: DataSourceOptions,
  sync: SqliteSync = sqliteSyncFrom(process.env.SQLITE_SYNCHRONOUS),
): Promise<DataSource> {
  const ds = new DataSource(options);
  await ds.initialize();
  if (ds.options.type === 'sqlite') {
    await ds.query('PRAGMA journal_mode = WAL');
    await ds.query('PRAGMA busy_timeout = 5000');
    await ds.query(`PRAGMA synchronous = ${sync}`);
  }
  await withStartupLock(ds, () => ds.runMigrations({ transaction: 'each' }));
  return ds;
}
