import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, idx, instant, int, ref, str, text } from './columns';

/** Progress reports drafted and issued by the body that owes them, kept as issued. */
export class IssuedReports1764900000000 implements MigrationInterface {
  name = 'IssuedReports1764900000000';

  public async up(q: QueryRunner): Promise<void> {
    const part = (name: string) => ({ ...text(name), default: "''" });
    await q.createTable(
      new Table({
        name: 'progress_reports',
        columns: [
          id(),
          ref('provinceId'),
          ref('districtId', true),
          int('year'),
          str('period', 16),
          str('state', 16),
          { ...int('version'), default: 1 },
          part('strengths'),
          part('shortcomings'),
          part('causes'),
          part('nextTasks'),
          part('proposals'),
          str('signerName', 200, true),
          str('signerPosition', 100, true),
          int('number', true),
          str('numberText', 64, true),
          str('issuedAt', 10, true),
          text('figures', true),
          str('documentKey', 120, true),
          str('documentSha256', 64, true),
          ref('createdById'),
          instant('createdAt'),
          instant('updatedAt'),
        ],
        indices: [idx(['provinceId', 'districtId', 'year', 'period'])],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('progress_reports');
  }
}
