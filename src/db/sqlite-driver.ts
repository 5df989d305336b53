import sqlite3 from 'sqlite3';

/** How many distinct SELECT texts keep a prepared statement (TypeORM's texts repeat; IN lists vary). */
const STATEMENT_CACHE_SIZE = 256;

type RowsCallback = (this: sqlite3.Statement, err: Error | null, rows: unknown[]) => void;

/**
 * node-sqlite3 prepares every statement anew (a native object, a parse of the SQL on a worker thread,
 * then a finalize), which costs more than running a simple SELECT — and TypeORM's SELECTs, with every
 * column aliased, are long to parse. This connection keeps the prepared statements of recent SELECT
 * texts and reruns them with new parameters. `all` always steps a statement to its end, which releases
 * its read snapshot (tested: a checkpoint is never blocked), and node-sqlite3 queues concurrent uses of
 * one statement, so results are exactly those of a fresh statement. Everything else (writes, BEGIN/COMMIT, PRAGMA, DDL)
 * goes the ordinary way.
 */
class StatementCachingDatabase extends sqlite3.Database {
  private readonly statements = new Map<string, sqlite3.Statement>();

  override all(sql: string, ...rest: unknown[]): this {
    const callback = rest[rest.length - 1];
    if (!sql.startsWith('SELECT ') || typeof callback !== 'function' || rest.length !== 2) {
      return super.all(sql, ...(rest as [])) as this;
    }
    const params = (rest[0] as unknown[] | undefined) ?? [];
    const done = callback as RowsCallback;
    const cached = this.statements.get(sql);
    if (cached) {
      // Most recently used last, so that the first entry is the one to evict.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      cached.all(params, done);
      return this;
    }
    // A statement is kept only once it has prepared: a text that does not prepare (a bad column, say)
    // answers its error to the caller, as an ordinary query would, and is not kept.
    const statement: sqlite3.Statement = this.prepare(sql, (err: Error | null) => {
      if (err) return done.call(statement, err, []);
      statement.all(params, done);
      this.keep(sql, statement);
    });
    return this;
  }

  private keep(sql: string, statement: sqlite3.Statement): void {
    if (this.statements.has(sql)) {
      statement.finalize(); // prepared twice by queries that came together; one is enough
      return;
    }
    this.statements.set(sql, statement);
    if (this.statements.size > STATEMENT_CACHE_SIZE) {
      const [oldestSql, oldest] = this.statements.entries().next().value as [string, sqlite3.Statement];
      this.statements.delete(oldestSql);
      oldest.finalize(); // queued after any run still pending on it
    }
  }

  /** SQLite refuses to close a connection with statements still prepared: finalize them first. */
  override close(callback?: (err: Error | null) => void): void {
    const pending = [...this.statements.values()];
    this.statements.clear();
    let left = pending.length;
    if (!left) return void super.close(callback);
    for (const statement of pending) {
      statement.finalize(() => {
        left -= 1;
        if (left === 0) super.close(callback);
      });
    }
  }
}

/**
 * sqlite3 as TypeORM's driver (its `driver` option): without verbose mode, which makes sqlite3 capture a
 * JavaScript stack trace for every statement (TypeORM turns it on by calling `verbose()`; errors still
 * carry the SQL and parameters through QueryFailedError), and with prepared SELECTs reused.
 */
export const sqliteDriver = {
  verbose: (): typeof sqlite3 =>
    Object.assign(Object.create(sqlite3) as typeof sqlite3, { Database: StatementCachingDatabase }),
};
