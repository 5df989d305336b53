import crypto from 'node:crypto';
import {
  DataSource,
  QueryFailedError,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/*
 * Hand-written SELECTs for the hottest reads (the session with its user, a dossier, a list page).
 *
 * TypeORM's query builder rebuilds and re-aliases its SQL on every call, which cost more CPU than running
 * the statement (measured: 240 µs against 120 µs for the session lookup). Here the SQL text is written once
 * per data source, and rows are turned into entities with TypeORM's own per-column hydration
 * (`driver.prepareHydratedValue`), so values come back exactly as the builder returns them (simple-json
 * parsed, SQLite's 0/1 as booleans); `test/db/compiled-select.test.ts` compares both on every column.
 */

const sqlCache = new WeakMap<DataSource, Map<string, string>>();

/** Quotes an identifier the same way for SQLite and PostgreSQL (camelCase columns need quotes there). */
export const quote = (name: string): string => `"${name}"`;

/** `"alias"."column" AS "alias_column"` for every column of the entity. */
export function selectColumns(ds: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): string {
  return columnsOf(ds, target)
    .map((c) => `${quote(alias)}.${quote(c.databaseName)} AS ${quote(`${alias}_${c.databaseName}`)}`)
    .join(', ');
}

/** The entity's table, quoted. */
export function tableOf(ds: DataSource, target: EntityTarget<ObjectLiteral>): string {
  return quote(ds.getMetadata(target).tableName);
}

/**
 * The SQL built by `build` for this data source, built once and kept under `key`. Write placeholders as
 * `?`; PostgreSQL gets `$1, $2, …` (the SQL written here has no `?` inside string literals).
 */
export function compiledSql(ds: DataSource, key: string, build: () => string): string {
  let byKey = sqlCache.get(ds);
  if (!byKey) {
    byKey = new Map();
    sqlCache.set(ds, byKey);
  }
  let sql = byKey.get(key);
  if (sql === undefined) {
    sql = build();
    if (ds.options.type === 'postgres') {
      let n = 0;
      sql = sql.replace(/\?/g, () => `$${++n}`);
    }
    byKey.set(key, sql);
  }
  return sql;
}

/**
 * The entity of `target` held in `row` under `alias` (columns as `selectColumns` names them), hydrated as
 * TypeORM hydrates it; null when every column is null (the other side of a LEFT JOIN that found nothing).
 */
export function hydrate<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  alias: string,
): T | null {
  const entity = ds.getMetadata(target).create(undefined, { fromDeserializer: true }) as T;
  let hasData = false;
  for (const column of columnsOf(ds, target)) {
    const value = row[`${alias}_${column.databaseName}`];
    if (value === undefined) continue;
    if (value !== null) hasData = true;
    column.setEntityValue(entity, ds.driver.prepareHydratedValue(value, column));
  }
  return hasData ? entity : null;
}

const columnCache = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, ColumnMetadata[]>>();

function columnsOf(ds: DataSource, target: EntityTarget<ObjectLiteral>): ColumnMetadata[] {
  let byTarget = columnCache.get(ds);
  if (!byTarget) {
    byTarget = new Map();
    columnCache.set(ds, byTarget);
  }
  let columns = byTarget.get(target);
  if (!columns) {
    columns = ds.getMetadata(target).columns.filter((c) => !c.isVirtual && !c.isVirtualProperty);
    byTarget.set(target, columns);
  }
  return columns;
}

/**
 * The JSON functions of this database, for statements that bring a parent row with its children as JSON
 * arrays (one statement instead of one per child table). Neither dialect is asked to order the aggregate:
 * SQLite 3.44 turns ordered JSON elements into strings; callers sort.
 */
export function jsonFunctions(ds: DataSource): { array: string; object: string; agg: string } {
  return ds.options.type === 'postgres'
    ? { array: 'json_build_array', object: 'json_build_object', agg: 'json_agg' }
    : { array: 'json_array', object: 'json_object', agg: 'json_group_array' };
}

/** `'property', "alias"."column", …` for every column of the entity: the arguments of a JSON object. */
export function jsonObjectArgs(ds: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): string {
  return columnsOf(ds, target)
    .map((c) => `'${c.propertyName}', ${quote(alias)}.${quote(c.databaseName)}`)
    .join(', ');
}

/** A JSON aggregate column as an array: SQLite returns text, PostgreSQL parsed JSON (null when empty). */
export function jsonArray<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

/** The rows of one of the hand-written SELECTs, run as the database runs them fastest (below). */
export async function queryRows<T = Record<string, unknown>>(
  on: EntityManager | DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const em = on instanceof DataSource ? on.manager : on;
  const ds = em.connection;
  if (ds.options.type !== 'postgres') return em.query(sql, params); // sqlite-driver.ts keeps SELECTs prepared
  // PostgreSQL plans an unnamed statement anew every time: for the dossier with its JSON children that
  // took longer than running it (measured: 430 µs a read against 150 µs as a named statement). A named
  // statement is planned once per connection; its name comes from its text, so one name is one text.
  const runner = em.queryRunner;
  ds.logger.logQuery(sql, params, runner);
  const config = { name: statementName(sql), text: sql, values: params };
  try {
    const client = runner ? ((await runner.connect()) as PgQueryable) : postgresPool(ds);
    return (await client.query(config)).rows as T[];
  } catch (err) {
    throw new QueryFailedError(sql, params, err instanceof Error ? err : new Error(String(err)));
  }
}

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** The pg pool behind TypeORM's PostgreSQL driver (its `master`): queries outside a transaction. */
const postgresPool = (ds: DataSource): PgQueryable =>
  (ds.driver as unknown as { master: PgQueryable }).master;

const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `dh_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 32)}`;
    if (statementNames.size >= 2000) statementNames.clear(); // list filters vary; bounded
    statementNames.set(sql, name);
  }
  return name;
}
