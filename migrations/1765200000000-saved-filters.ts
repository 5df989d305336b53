import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, idx, instant, ref, str } from './columns';

/** Each user's saved filters of the dossier list. */
export class SavedFilters1765200000000 implements MigrationInterface {
  name = 'SavedFilters1765200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'saved_filters',
        columns: [id(), ref('userId'), str('name', 100), str('query', 1000), instant('createdAt')],
        indices: [idx(['userId', 'name'], true)],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('saved_filters');
  }
}
