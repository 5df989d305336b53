import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, id, idx, int, ref, str, text } from './columns';

/**
 * Legal bases per province and decision kind (admin data), criteria sets marked official, and the kinds of
 * decision a province's People's Committee makes as a collective; decisions keep their generated document's
 * hash and the scan signed on paper.
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
    // The generated document's hash and the paper-signed scan beside it.
    await q.addColumns('decisions', [
      new TableColumn(str('documentSha256', 64, true)),
      new TableColumn(str('scanStorageKey', 120, true)),
      new TableColumn(str('scanFileName', 255, true)),
      new TableColumn(str('scanSha256', 64, true)),
    ]);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const c of ['scanSha256', 'scanFileName', 'scanStorageKey', 'documentSha256']) {
      await q.dropColumn('decisions', c);
    }
    await q.dropColumn('provinces', 'collectiveKinds');
    await q.dropColumn('criteria_sets', 'official');
    await q.dropTable('legal_bases');
  }
}
