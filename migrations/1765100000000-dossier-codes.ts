import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, idx, instant, int, ref, str, text } from './columns';

/**
 * Each dossier gets a short code people can quote (TQ-2026-000123), numbered per province and year in the
 * order dossiers were opened; each submission leaves a receipt (phiếu tiếp nhận) whose facts and PDF are
 * kept as issued.
 */
export class DossierCodes1765100000000 implements MigrationInterface {
  name = 'DossierCodes1765100000000';

  public async up(q: QueryRunner): Promise<void> {
    // Plain ADD COLUMN: TypeORM would rebuild the table on SQLite, and its change-counting triggers with it.
    await q.query('ALTER TABLE "dossiers" ADD COLUMN "code" varchar(32)');
    await backfillCodes(q);
    await q.createIndex('dossiers', idx(['code'], true));
    await q.createTable(
      new Table({
        name: 'dossier_receipts',
        columns: [
          id(),
          ref('dossierId'),
          int('sequence'),
          instant('submittedAt'),
          text('facts'),
          str('documentKey', 120, true),
          str('documentSha256', 64, true),
        ],
        indices: [idx(['dossierId', 'sequence'], true)],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('dossier_receipts');
    const table = await q.getTable('dossiers');
    const index = table?.indices.find((i) => i.columnNames.length === 1 && i.columnNames[0] === 'code');
    if (index) await q.dropIndex('dossiers', index);
    await q.query('ALTER TABLE "dossiers" DROP COLUMN "code"');
    await q.query(`DELETE FROM number_sequences WHERE key LIKE 'dossier-code:%'`);
  }
}

/** Codes for the dossiers already there, in the order they were opened, and counters that continue them. */
async function backfillCodes(q: QueryRunner): Promise<void> {
  const rows: { id: string; provinceId: string; year: number; provinceCode: string }[] = await q.query(
    `SELECT d.id AS "id", d."provinceId" AS "provinceId", d.year AS "year", p.code AS "provinceCode"
       FROM dossiers d JOIN provinces p ON p.id = d."provinceId"
      ORDER BY d."provinceId", d.year, d."createdAt", d.id`,
  );
  const counters = new Map<string, number>();
  const pg = q.connection.options.type === 'postgres';
  const param = (n: number) => (pg ? `$${n}` : '?');
  for (const r of rows) {
    const key = `dossier-code:${r.provinceId}:${r.year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    await q.query(`UPDATE dossiers SET code = ${param(1)} WHERE id = ${param(2)}`, [
      // The format of src/dossiers/dossier-code.ts as it was when this ran (a migration never changes).
      `${r.provinceCode.toUpperCase()}-${r.year}-${String(n).padStart(6, '0')}`,
      r.id,
    ]);
  }
  for (const [key, value] of counters) {
    await q.query(`INSERT INTO number_sequences (key, value) VALUES (${param(1)}, ${param(2)})`, [
      key,
      value,
    ]);
  }
}
