import type { EntityManager } from 'typeorm';
import { Attachment, District, Dossier, Score, Unit } from '../../entities';
import { compiledSql, hydrate, selectColumns, tableOf } from '../db/compiled-select';

// The statements every dossier read runs, written once (see src/db/compiled-select.ts for why). They run
// through `em`, so inside a transaction they read what the transaction sees.

type Row = Record<string, unknown>;

/** The dossier by id, or null. */
export async function findDossier(em: EntityManager, id: string): Promise<Dossier | null> {
  const ds = em.connection;
  const sql = compiledSql(
    ds,
    'dossier',
    () => `SELECT ${selectColumns(ds, Dossier, 'd')} FROM ${tableOf(ds, Dossier)} d WHERE d.id = ?`,
  );
  const rows: Row[] = await em.query(sql, [id]);
  return rows[0] ? hydrate(ds, Dossier, rows[0], 'd') : null;
}

export interface DossierWithUnit {
  dossier: Dossier;
  unit: Unit | null;
  /** The unit's district; null for a province-managed unit. */
  district: District | null;
}

/** The dossier with its unit and the unit's district, in one statement; null when there is no such dossier. */
export async function findDossierWithUnit(em: EntityManager, id: string): Promise<DossierWithUnit | null> {
  const ds = em.connection;
  const sql = compiledSql(
    ds,
    'dossier-with-unit',
    () =>
      `SELECT ${selectColumns(ds, Dossier, 'd')}, ${selectColumns(ds, Unit, 'u')}, ` +
      `${selectColumns(ds, District, 'di')} FROM ${tableOf(ds, Dossier)} d ` +
      `LEFT JOIN ${tableOf(ds, Unit)} u ON u.id = d."unitId" ` +
      `LEFT JOIN ${tableOf(ds, District)} di ON di.id = u."districtId" WHERE d.id = ?`,
  );
  const rows: Row[] = await em.query(sql, [id]);
  const dossier = rows[0] ? hydrate(ds, Dossier, rows[0], 'd') : null;
  if (!dossier) return null;
  return { dossier, unit: hydrate(ds, Unit, rows[0], 'u'), district: hydrate(ds, District, rows[0], 'di') };
}

/** The unit with its district, in one statement; null when there is no such unit. */
export async function findUnitWithDistrict(
  em: EntityManager,
  unitId: string,
): Promise<{ unit: Unit; district: District | null } | null> {
  const ds = em.connection;
  const sql = compiledSql(
    ds,
    'unit-with-district',
    () =>
      `SELECT ${selectColumns(ds, Unit, 'u')}, ${selectColumns(ds, District, 'di')} FROM ${tableOf(ds, Unit)} u ` +
      `LEFT JOIN ${tableOf(ds, District)} di ON di.id = u."districtId" WHERE u.id = ?`,
  );
  const rows: Row[] = await em.query(sql, [unitId]);
  const unit = rows[0] ? hydrate(ds, Unit, rows[0], 'u') : null;
  return unit ? { unit, district: hydrate(ds, District, rows[0], 'di') } : null;
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
  return em.query(sql, [dossierId]);
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
  const rows: Row[] = await em.query(sql, [dossierId]);
  return rows.map((r) => hydrate(ds, Attachment, r, 'a')).filter((a): a is Attachment => a !== null);
}
