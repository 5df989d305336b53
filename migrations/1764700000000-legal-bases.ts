import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, id, idx, int, ref, str, text } from './columns';

/**
 * Legal bases per province and decision kind (admin data), criteria sets marked official, and the kinds of
 * decision a province's People's Committee makes as a collective.
 */
export class LegalBases1764700000000 implements MigrationInterface {
  name = 'LegalBases1764700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'legal_bases',
        columns: [id(), ref('provinceId'), str('kind', 16), int('position'), str('text', 500)],
        indices: [idx(['provinceId', 'kind', 'position'], true)],
      }),
    );
    await q.addColumn('criteria_sets', new TableColumn(bool('official', false)));
    await q.addColumn('provinces', new TableColumn({ ...text('collectiveKinds'), default: "'[]'" }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('provinces', 'collectiveKinds');
    await q.dropColumn('criteria_sets', 'official');
    await q.dropTable('legal_bases');
  }
}
