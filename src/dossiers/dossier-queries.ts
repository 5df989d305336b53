import type { EntityManager } from 'typeorm';
import { Attachment, District, Dossier, Score, Unit } from '../../entities';
import {
  compiledSql,
  hydrate,
  jsonArray,
  jsonFunctions,
  jsonObjectArgs,
  queryRows,
  selectColumns,
  tableOf,
} from '../db/compiled-select';

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
    return (
      `SELECT ${selectColumns(ds, Dossier, 'd')}, ${selectColumns(ds, Unit, 'u')}, ` +
      `${selectColumns(ds, District, 'di')}, (${scores}) AS facts_scores, (${attachments}) AS facts_attachments ` +
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
  };
}

/** Byte order, as the databases order these columns. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
