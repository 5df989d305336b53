import type { DataSource, Logger } from 'typeorm';

/**
 * Counts the SQL statements `work` sends through TypeORM (every query runner reports each statement to
 * the data source's logger). Guards the number of round trips a request makes: on one SQLite connection
 * each statement is a trip to a worker thread, and the count is what decides read throughput.
 */
export async function countQueries<T>(
  ds: DataSource,
  work: () => Promise<T>,
): Promise<{ result: T; queries: string[] }> {
  const original = ds.logger;
  const queries: string[] = [];
  const counting: Logger = {
    logQuery: (query) => {
      queries.push(query);
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  ds.logger = counting;
  try {
    return { result: await work(), queries };
  } finally {
    ds.logger = original;
  }
}
