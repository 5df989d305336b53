import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, idx, instant, ref, str, text } from './columns';

/** Append-only record of administrative changes (accounts, units, criteria sets, plans). */
export class AdminEvents1764300000000 implements MigrationInterface {
  name = 'AdminEvents1764300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'admin_events',
        columns: [
          id(),
          instant('at'),
          ref('actorId', true),
          str('actorUsername', 64),
          str('action', 40),
          str('targetType', 20),
          str('targetId', 64, true),
          text('summary'),
          text('details', true),
        ],
        indices: [idx(['at'])],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('admin_events');
  }
}
