import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one database transaction. SQLite has one connection, which cannot hold two transactions at
 * once, so write transactions are queued per data source; PostgreSQL runs them concurrently and relies on
 * conditional updates and unique indexes.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export async function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (ds.options.type !== 'sqlite') return ds.transaction(work);
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.then(
    () => ds.transaction(work),
    () => ds.transaction(work),
  );
  // Keep the queue alive whatever this transaction's outcome.
  queues.set(
    ds,
    run.catch(() => undefined),
  );
  return run;
}
