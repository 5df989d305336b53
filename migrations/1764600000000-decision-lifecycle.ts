import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, idx, instant, int, ref, str, text } from './columns';

/**
 * Decisions get a lifecycle (draft → submitted → signed → issued, or cancelled): a draft has no number,
 * date or signature yet, so those columns become nullable; the proposal (Tờ trình), the assigned signer,
 * the issue date and the state with its version and snapshot are added; every step is kept in
 * `decision_events`. Users get the position a signer holds. Decisions issued before stay issued.
 */
export class DecisionLifecycle1764600000000 implements MigrationInterface {
  name = 'DecisionLifecycle1764600000000';

  public async up(q: QueryRunner): Promise<void> {
    await setNullable(q, true);
    await q.addColumns('decisions', [
      new TableColumn({ ...str('state', 16), default: "'issued'" }),
      new TableColumn({ ...int('version'), default: 1 }),
      new TableColumn({ ...str('machineVersion', 32), default: "'decision@1'" }),
      new TableColumn(ref('signerId', true)),
      new TableColumn(str('signerPosition', 16, true)),
      new TableColumn(str('issuedAt', 10, true)),
      new TableColumn(str('proposalNumber', 64, true)),
      new TableColumn(str('proposalDate', 10, true)),
      new TableColumn(str('proposalBody', 300, true)),
      new TableColumn(text('returnReason', true)),
      new TableColumn(instant('updatedAt', true)),
    ]);
    // Decisions issued before this release: their date of signature is their date of issue.
    await q.query(`UPDATE decisions SET "issuedAt" = "signedAt", "updatedAt" = "createdAt"`);
    await q.createIndex('decisions', idx(['state']));
    await q.createTable(
      new Table({
        name: 'decision_events',
        columns: [
          id(),
          ref('decisionId'),
          instant('at'),
          ref('actorId', true),
          str('actorUsername', 64),
          str('actorRole', 32),
          str('type', 20),
          str('from', 16, true),
          str('to', 16),
          text('reason', true),
          text('details', true),
        ],
        indices: [idx(['decisionId', 'at'])],
      }),
    );
    await q.addColumn('users', new TableColumn(str('position', 16, true)));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'position');
    await q.dropTable('decision_events');
    const table = await q.getTable('decisions');
    const index = table?.indices.find((i) => i.columnNames.join(',') === 'state');
    if (index) await q.dropIndex('decisions', index);
    for (const name of [
      'updatedAt',
      'returnReason',
      'proposalBody',
      'proposalDate',
      'proposalNumber',
      'issuedAt',
      'signerPosition',
      'signerId',
      'machineVersion',
      'version',
      'state',
    ]) {
      await q.dropColumn('decisions', name);
    }
    await q.query(
      `DELETE FROM decision_items WHERE "decisionId" IN (SELECT id FROM decisions WHERE number IS NULL)`,
    );
    await q.query(`DELETE FROM decisions WHERE number IS NULL`);
    await setNullable(q, false);
  }
}

/** Columns a draft leaves empty until it is signed and issued. */
const UNTIL_ISSUED = () => [
  int('year'),
  int('number'),
  str('numberText', 64),
  str('signedAt', 10),
  str('signerName', 200),
  str('signerTitle', 200),
];

/**
 * Makes those columns nullable (or not) keeping their data: PostgreSQL alters them in place (TypeORM's
 * changeColumn would drop and re-add a varchar column it reads back as "character varying"); SQLite
 * rebuilds the table, copying its rows.
 */
async function setNullable(q: QueryRunner, nullable: boolean): Promise<void> {
  for (const column of UNTIL_ISSUED()) {
    if (q.connection.options.type === 'postgres') {
      await q.query(
        `ALTER TABLE decisions ALTER COLUMN "${column.name}" ${nullable ? 'DROP' : 'SET'} NOT NULL`,
      );
    } else {
      await q.changeColumn('decisions', column.name, new TableColumn({ ...column, isNullable: nullable }));
    }
  }
}
