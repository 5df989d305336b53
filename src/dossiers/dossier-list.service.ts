import type { AppContext } from '../app-context';
import { Dossier, District, Unit } from '../../entities';
import { compiledSql, queryRows, quote, tableOf } from '../db/compiled-select';
import { counterValueSql, districtDossiers, provinceDossiers, ValidatedCache } from '../db/change-counters';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import { searchKey } from '../units/search-key';
import type { ListDossiersQuery } from './dossier.schemas';
import type { DossierState } from '../../machines/dossier.machine';
import { stateLabel } from './dossier-rules';
import type { UnitSummary } from './dossier.view';

/** What the inbox adds to a list query: several states at once, most urgent first. */
export interface ListOptions {
  states?: readonly DossierState[];
  order?: 'updated' | 'due';
}

/** A page of dossiers in the user's jurisdiction, newest change first (or soonest due first). */
export async function listDossiers(
  ctx: AppContext,
  user: CurrentUser,
  query: ListDossiersQuery,
  options: ListOptions = {},
) {
  const scope = jurisdictionFilter(user);
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (scope === null) return empty;
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  // Column names come from jurisdictionFilter's fixed keys, never from the request.
  for (const [column, value] of Object.entries(scope)) add(`d.${quote(column)} = ?`, value);
  if (query.state) add('d.state = ?', query.state);
  if (options.states) {
    if (!options.states.length) return empty;
    add(`d.state IN (${options.states.map(() => '?').join(', ')})`, ...options.states);
  }
  if (query.year) add('d.year = ?', query.year);
  if (query.districtId) add('d."districtId" = ?', query.districtId);
  if (query.unitType) add('d."unitType" = ?', query.unitType);
  const text = query.q ? searchKey(query.q) : '';
  if (text) add('su."searchName" LIKE ?', `%${text.replace(/[%_\\]/g, '')}%`);
  // Totals over a province or district are kept while its change counter stands still (not for text
  // searches, which also depend on unit names).
  const counter = text ? null : counterOf(scope);
  const sql = listSql(ctx, where, Boolean(text), options.order ?? 'updated', counter !== null);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await queryRows<ListRow>(ctx.ds, sql.page, [
    ...(counter ? [counter] : []),
    ...params,
    query.pageSize,
    offset,
  ]);
  const total = await countOf(ctx, sql.count, params, counter, rows[0]?.page_seq);
  const now = ctx.clock().getTime();
  const items = rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unit: row.u_id === null ? null : unitOf(row.u_id, row),
    year: row.year,
    state: row.state,
    stateLabel: stateLabel(row.state),
    version: row.version,
    dueAt: row.dueAt,
    overdue: row.dueAt !== null && Date.parse(row.dueAt) < now,
    updatedAt: row.updatedAt,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * What a list item shows, and no more: every value the driver hands over costs (on SQLite a list page of
 * whole entities cost twice as much as this, measured). Types are the same on SQLite and PostgreSQL.
 */
interface ListRow {
  id: string;
  unitId: string;
  year: number;
  state: DossierState;
  version: number;
  dueAt: string | null;
  updatedAt: string;
  u_id: string | null;
  u_name: string;
  u_type: Unit['type'];
  u_districtId: string | null;
  u_managedBy: Unit['managedBy'];
  u_districtName: string | null;
  page_seq?: number | string;
}

const LIST_COLUMNS = [
  'd.id AS id',
  'd."unitId" AS "unitId"',
  'd.year AS year',
  'd.state AS state',
  'd.version AS version',
  'd."dueAt" AS "dueAt"',
  'd."updatedAt" AS "updatedAt"',
  'lu.id AS u_id',
  'lu.name AS u_name',
  'lu.type AS u_type',
  'lu."districtId" AS "u_districtId"',
  'lu."managedBy" AS "u_managedBy"',
  'ld.name AS "u_districtName"',
].join(', ');

const unitOf = (id: string, row: ListRow): UnitSummary => ({
  id,
  name: row.u_name,
  type: row.u_type,
  districtId: row.u_districtId,
  districtName: row.u_districtName,
  managedBy: row.u_managedBy,
});

/**
 * The page and count statements for one combination of filters, written once per combination. The page's
 * units and districts come in the same statement: the joins are many-to-one (a dossier has one unit, a
 * unit at most one district), so LIMIT/OFFSET pages exactly, and `d.id` breaks ties so that pages never
 * overlap. The count is COUNT(*) without the joins (rows are distinct): counting DISTINCT ids cost ten
 * times more on a province's thousands of rows (measured).
 */
function listSql(
  ctx: AppContext,
  where: string[],
  search: boolean,
  order: 'updated' | 'due',
  counted: boolean,
) {
  const ds = ctx.ds;
  const conditions = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const searchJoin = search ? ` INNER JOIN ${tableOf(ds, Unit)} su ON su.id = d."unitId"` : '';
  const orderBy =
    order === 'due'
      ? 'd."dueAt" ASC NULLS LAST, d."updatedAt" DESC, d.id ASC'
      : 'd."updatedAt" DESC, d.id ASC';
  const from = `FROM ${tableOf(ds, Dossier)} d${searchJoin}`;
  const key = `${from}${conditions} ${orderBy} ${counted}`;
  // With a counter, the page carries its value, read in the same statement (the same snapshot).
  const seq = counted ? `${counterValueSql(ds)} AS page_seq, ` : '';
  return {
    page: compiledSql(
      ds,
      `list-page:${key}`,
      () =>
        `SELECT ${seq}${LIST_COLUMNS} ${from}` +
        ` LEFT JOIN ${tableOf(ds, Unit)} lu ON lu.id = d."unitId"` +
        ` LEFT JOIN ${tableOf(ds, District)} ld ON ld.id = lu."districtId"` +
        `${conditions} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    ),
    count: compiledSql(
      ds,
      `list-count:${key}`,
      () => `SELECT ${counted ? `${counterValueSql(ds)} AS seq, ` : ''}COUNT(*) AS n ${from}${conditions}`,
    ),
  };
}

/** The change counter covering a list's scope: a province's or a district's dossiers. */
function counterOf(scope: Record<string, string>): string | null {
  if (scope.provinceId) return provinceDossiers(scope.provinceId);
  if (scope.districtId) return districtDossiers(scope.districtId);
  return null; // a unit's few dossiers count fast; the admin's whole country is not cached
}

const totals = new WeakMap<object, ValidatedCache<number>>();

/**
 * The list's total: the one computed at the counter value the page was read at, if held; otherwise counted
 * now, with the counter's value read in the same statement.
 */
async function countOf(
  ctx: AppContext,
  countSql: string,
  params: unknown[],
  counter: string | null,
  pageSeq: unknown,
): Promise<number> {
  let cache = totals.get(ctx.ds);
  if (!cache) {
    cache = new ValidatedCache<number>();
    totals.set(ctx.ds, cache);
  }
  const key = `${countSql}\u0000${JSON.stringify(params)}`;
  if (counter && pageSeq !== undefined) {
    const held = cache.get(key, Number(pageSeq));
    if (held !== undefined) return held;
  }
  const [row] = await queryRows<{ n: number | string; seq?: number | string }>(ctx.ds, countSql, [
    ...(counter ? [counter] : []),
    ...params,
  ]);
  const total = Number(row?.n ?? 0);
  if (counter && row?.seq !== undefined) cache.set(key, Number(row.seq), total);
  return total;
}
