import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, id, idx, instant, int, ref, str, text } from './columns';

/** Overdue lists scan dossiers of a province by due date. */
export const DUE_INDEX = 'IDX_dossiers_province_due';

/**
 * Plan targets and named units, report deadlines, public holidays, in-app notifications, login throttles,
 * and the dossier
 * columns that deadlines and reports need (first submission, working days used per stage).
 */
export class PlansDeadlinesNotifications1764200000000 implements MigrationInterface {
  name = 'PlansDeadlinesNotifications1764200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumns('plans', [
      new TableColumn({ ...instant('updatedAt'), default: "''" }),
      new TableColumn({ ...int('version'), default: 1 }),
    ]);
    await q.query(`UPDATE "plans" SET "updatedAt" = "createdAt"`);
    await q.addColumns('plan_years', [
      new TableColumn(str('sixMonthReportDeadline', 10, true)),
      new TableColumn(str('annualReportDeadline', 10, true)),
    ]);
    await q.createTable(
      new Table({
        name: 'plan_targets',
        columns: [
          id(),
          ref('planId'),
          int('year'),
          int('position'),
          str('label', 500),
          text('unitTypes'),
          text('tagsAny'),
          text('districtIds'),
          str('managedBy', 10, true),
          str('measure', 10),
          int('value'),
          str('breakdown', 10),
          bool('cumulative'),
        ],
        indices: [idx(['planId', 'year', 'position'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plan_named_units',
        columns: [id(), ref('planId'), int('year'), ref('unitId'), int('position')],
        indices: [idx(['planId', 'year', 'unitId'], true), idx(['unitId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'holidays',
        columns: [{ ...str('date', 10), isPrimary: true }, str('name', 200)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_throttles',
        columns: [
          { ...str('key', 64), isPrimary: true },
          int('failures'),
          instant('windowStart'),
          instant('lockedUntil', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id(),
          ref('userId'),
          ref('dossierId', true),
          str('kind', 20),
          str('message', 500),
          str('dedupeKey', 200),
          instant('createdAt'),
          instant('readAt', true),
        ],
        indices: [idx(['userId', 'dedupeKey'], true), idx(['userId', 'readAt', 'createdAt'])],
      }),
    );
    await q.addColumns('dossiers', [
      new TableColumn(instant('submittedAt', true)),
      new TableColumn({ ...text('stageDaysUsed'), default: "'{}'" }),
    ]);
    // Dossiers submitted before this release: their first SUBMIT is in the audit trail.
    await q.query(
      `UPDATE "dossiers" SET "submittedAt" = (SELECT MIN(a."at") FROM "audit_events" a
        WHERE a."dossierId" = "dossiers"."id" AND a."type" = 'SUBMIT')`,
    );
    // Unfiltered lists (a province's, the admin's) read newest first straight off an index.
    await q.createIndex('dossiers', idx(['provinceId', 'updatedAt']));
    await q.createIndex('dossiers', idx(['updatedAt']));
    await q.createIndex(
      'dossiers',
      new TableIndex({ name: DUE_INDEX, columnNames: ['provinceId', 'dueAt'] }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('dossiers', DUE_INDEX);
    for (const columns of [['updatedAt'], ['provinceId', 'updatedAt']]) {
      const table = await q.getTable('dossiers');
      const index = table?.indices.find((i) => i.columnNames.join() === columns.join());
      if (index) await q.dropIndex('dossiers', index);
    }
    await q.dropColumn('dossiers', 'stageDaysUsed');
    await q.dropColumn('dossiers', 'submittedAt');
    await q.dropTable('notifications');
    await q.dropTable('login_throttles');
    await q.dropTable('holidays');
    await q.dropTable('plan_named_units');
    await q.dropTable('plan_targets');
    await q.dropColumn('plan_years', 'annualReportDeadline');
    await q.dropColumn('plan_years', 'sixMonthReportDeadline');
    await q.dropColumn('plans', 'version');
    await q.dropColumn('plans', 'updatedAt');
  }
}
