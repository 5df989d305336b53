import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { text } from './columns';

/** The body that issues a province's progress reports is province configuration (empty: Công an tỉnh). */
export class ReportingBody1765000000000 implements MigrationInterface {
  name = 'ReportingBody1765000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('provinces', new TableColumn({ ...text('reportingBody'), default: "'[]'" }));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('provinces', 'reportingBody');
  }
}
