import type { DataSource } from 'typeorm';

/** Any fixed 64-bit number, the same for every instance: the key of the start-up advisory lock. */
const STARTUP_LOCK_KEY = 7_430_281_138;

/**
 * Runs `work` (migrations, demo data) while holding a database-wide lock, so that instances starting
 * together on one PostgreSQL database migrate and seed it once, one after the other. SQLite has one
 * process per file in practice and its own file lock: the work simply runs.
 */
export async function withStartupLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  if (ds.options.type !== 'postgres') return work();
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
