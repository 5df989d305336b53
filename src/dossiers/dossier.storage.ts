import type { EntityManager } from 'typeorm';
import type { DossierState } from '../../machines/dossier.machine';
import { Attachment, District, Dossier, DossierReceipt, Score, Unit } from '../../entities';
import type { AppContext } from '../app-context';
import { counterValueSql, districtDossiers, provinceDossiers, ValidatedCache } from '../db/change-counters';
import {
  compiledSql,
  hydrate,
  jsonArray,
  jsonFunctions,
  jsonObjectArgs,
  queryRows,
  quote,
  selectColumns,
  tableOf,
} from '../db/compiled-select';
import { searchKey } from '../units/search-key';
import { dossierCodeIn } from './dossier-code';
import { dueSoonUntil } from './due-dates';
import type { ListDossiersQuery } from './dossier.schemas';

// The statements every dossier read runs, written once (see src/db/compiled-select.ts for why). They run
// through `em`, so inside a transaction they read what the transaction sees.

/** The dossier by id, or null. */
export async function findDossier(em: EntityManager, id: string): Promise<Dossier | null> {
  const ds = em.connection;
  const sql = compiledSql(
    ds,
    'dossier',
    () => `SELECT ${selectColumns(ds, Dossier, 'd')} FROM ${tableOf(ds, Dossier)} d WHERE d.id = ?`,
  );
  const rows = await queryRows(em, sql, [id]);
  return rows[0] ? hydrate(ds, Dossier, rows[0], 'd') : null;
}

/** A score as the dossier's facts need it (who saved it and when is in the audit trail). */
export type ScoreEntry = Pick<Score, 'stage' | 'criterionCode' | 'points' | 'note'>;

/**
 * Every score of the dossier, all stages. Only the four columns used: a dossier has tens of scores per
 * stage, and every value the driver hands over costs.
 */
export async function findScores(em: EntityManager, dossierId: string): Promise<ScoreEntry[]> {
  const ds = em.connection;
  const sql = compiledSql(
    ds,
    'dossier-scores',
    () =>
      `SELECT s.stage AS stage, s."criterionCode" AS "criterionCode", s.points AS points, s.note AS note ` +
      `FROM ${tableOf(ds, Score)} s WHERE s."dossierId" = ?`,
  );
  return queryRows<ScoreEntry>(em, sql, [dossierId]);
}

/** The dossier's evidence files that have not been removed, oldest first. */
export async function findCurrentAttachments(em: EntityManager, dossierId: string): Promise<Attachment[]> {
  const ds = em.connection;
  const sql = compiledSql(
    ds,
    'dossier-attachments',
    () =>
      `SELECT ${selectColumns(ds, Attachment, 'a')} FROM ${tableOf(ds, Attachment)} a ` +
      `WHERE a."dossierId" = ? AND a."removedAt" IS NULL ORDER BY a."createdAt" ASC, a.id ASC`,
  );
  const rows = await queryRows(em, sql, [dossierId]);
  return rows.map((r) => hydrate(ds, Attachment, r, 'a')).filter((a): a is Attachment => a !== null);
}

/** A dossier with everything its page shows: unit, district, scores and current evidence. */
export interface DossierBundle {
  dossier: Dossier;
  unit: Unit | null;
  /** The unit's district; null for a province-managed unit. */
  district: District | null;
  scores: ScoreEntry[];
  attachments: Attachment[];
  /** How many submission receipts the dossier has. */
  receipts: number;
}

/**
 * The dossier, its unit and district, and its scores and current evidence as JSON arrays, in one
 * statement: a read is then two statements with the session. Evidence comes oldest first.
 */
export async function findDossierBundle(em: EntityManager, id: string): Promise<DossierBundle | null> {
  const ds = em.connection;
  const sql = compiledSql(ds, 'dossier-bundle', () => {
    const json = jsonFunctions(ds);
    const scores =
      `SELECT ${json.agg}(${json.array}(s.stage, s."criterionCode", s.points, s.note)) ` +
      `FROM ${tableOf(ds, Score)} s WHERE s."dossierId" = d.id`;
    const attachments =
      `SELECT ${json.agg}(${json.object}(${jsonObjectArgs(ds, Attachment, 'a')})) ` +
      `FROM ${tableOf(ds, Attachment)} a WHERE a."dossierId" = d.id AND a."removedAt" IS NULL`;
    const receipts = `SELECT COUNT(*) FROM ${tableOf(ds, DossierReceipt)} r WHERE r."dossierId" = d.id`;
    return (
      `SELECT ${selectColumns(ds, Dossier, 'd')}, ${selectColumns(ds, Unit, 'u')}, ` +
      `${selectColumns(ds, District, 'di')}, (${scores}) AS facts_scores, (${attachments}) AS facts_attachments, ` +
      `(${receipts}) AS facts_receipts ` +
      `FROM ${tableOf(ds, Dossier)} d LEFT JOIN ${tableOf(ds, Unit)} u ON u.id = d."unitId" ` +
      `LEFT JOIN ${tableOf(ds, District)} di ON di.id = u."districtId" WHERE d.id = ?`
    );
  });
  const rows = await queryRows(em, sql, [id]);
  const row = rows[0];
  const dossier = row ? hydrate(ds, Dossier, row, 'd') : null;
  if (!row || !dossier) return null;
  const scores = jsonArray<[ScoreEntry['stage'], string, number, string | null]>(row.facts_scores).map(
    ([stage, criterionCode, points, note]) => ({ stage, criterionCode, points, note }),
  );
  const attachments = jsonArray<Attachment>(row.facts_attachments).sort(
    (a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
  );
  return {
    dossier,
    unit: hydrate(ds, Unit, row, 'u'),
    district: hydrate(ds, District, row, 'di'),
    scores,
    attachments,
    receipts: Number(row.facts_receipts ?? 0),
  };
}

/** Byte order, as the databases order these columns. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What the inbox adds to a list query: several states at once, most urgent first. */
export interface ListOptions {
  states?: readonly DossierState[];
  order?: 'updated' | 'due';
}

/**
 * One page of dossiers in `scope` with the filters of `query`, and the total. Column names come from
 * jurisdictionFilter's fixed keys, never from the request.
 */
export async function queryDossierList(
  ctx: AppContext,
  scope: Record<string, string>,
  query: ListDossiersQuery,
  options: ListOptions,
): Promise<{ rows: ListRow[]; total: number }> {
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
    if (!options.states.length) return { rows: [], total: 0 };
    add(`d.state IN (${options.states.map(() => '?').join(', ')})`, ...options.states);
  }
  if (query.year) add('d.year = ?', query.year);
  if (query.districtId) add('d."districtId" = ?', query.districtId);
  if (query.unitType) add('d."unitType" = ?', query.unitType);
  // A dossier code ("TQ-2026-000123", also "tq-2026-123") finds that dossier; other text, unit names.
  const code = query.q ? dossierCodeIn(query.q) : null;
  if (code) add('d.code = ?', code);
  const text = query.q && !code ? searchKey(query.q) : '';
  if (text) add('su."searchName" LIKE ?', `%${text.replace(/[%_\\]/g, '')}%`);
  if (query.due) {
    const now = ctx.clock();
    if (query.due === 'overdue') add('d."dueAt" < ?', now.toISOString());
    else add('d."dueAt" BETWEEN ? AND ?', now.toISOString(), dueSoonUntil(now).toISOString());
  }
  // Totals over a province or district are kept while its change counter stands still (not for text
  // searches, which also depend on unit names, nor for due dates, which the clock moves past).
  const counter = text || code || query.due ? null : counterOf(scope);
  const sql = listSql(ctx, where, Boolean(text), options.order ?? 'updated', counter !== null);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await queryRows<ListRow>(ctx.ds, sql.page, [
    ...(counter ? [counter] : []),
    ...params,
    query.pageSize,
    offset,
  ]);
  const total = await countOf(ctx, sql.count, params, counter, rows[0]?.page_seq);
  return { rows, total };
}

/**
 * What a list item shows, and no more: every value the driver hands over costs (on SQLite a list page of
 * whole entities cost twice as much as this, measured). Types are the same on SQLite and PostgreSQL.
 */
export interface ListRow {
  id: string;
  code: string | null;
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
  'd.code AS code',
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
