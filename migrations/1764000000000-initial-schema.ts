import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

import { bool, id, idx, instant, int, ref, str, text } from './columns';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'provinces',
        columns: [id(), { ...str('code', 32), isUnique: true }, str('name', 200), str('shortName', 200)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'districts',
        columns: [id(), ref('provinceId'), str('code', 32), str('name', 200)],
        indices: [idx(['provinceId', 'code'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'units',
        columns: [
          id(),
          ref('provinceId'),
          ref('districtId', true),
          str('code', 32),
          str('name', 300),
          str('searchName', 300),
          str('type', 20),
          str('managedBy', 10),
          text('tags'),
          str('block', 100, true),
          bool('active', true),
        ],
        indices: [idx(['provinceId', 'code'], true), idx(['districtId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          { ...str('username', 64), isUnique: true },
          str('passwordHash', 100),
          str('displayName', 200),
          str('role', 32),
          ref('provinceId', true),
          ref('districtId', true),
          ref('unitId', true),
          bool('active', true),
          instant('createdAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'criteria_sets',
        columns: [
          id(),
          str('code', 64),
          int('version'),
          str('title', 500),
          text('unitTypes'),
          int('passingScore'),
          bool('active', false),
          str('legalBasis', 500, true),
          instant('createdAt'),
        ],
        indices: [idx(['code', 'version'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'criteria',
        columns: [
          id(),
          ref('criteriaSetId'),
          int('position'),
          str('code', 32),
          text('title'),
          str('groupTitle', 200, true),
          int('maxPoints'),
          bool('mandatory'),
          bool('evidenceRequired'),
          int('metAt', true),
        ],
        indices: [idx(['criteriaSetId', 'code'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plans',
        columns: [
          id(),
          ref('provinceId'),
          str('reference', 100, true),
          str('title', 500),
          int('startYear'),
          int('endYear'),
          instant('createdAt'),
        ],
        indices: [idx(['provinceId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plan_years',
        columns: [
          id(),
          ref('planId'),
          ref('provinceId'),
          int('year'),
          str('registrationDeadline', 10, true),
          str('submissionDeadline', 10),
          str('districtReviewDeadline', 10, true),
          str('appraisalDeadline', 10, true),
        ],
        indices: [idx(['planId', 'year'], true), idx(['provinceId', 'year'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'dossiers',
        columns: [
          id(),
          ref('unitId'),
          ref('provinceId'),
          ref('districtId', true),
          str('unitType', 20),
          int('year'),
          str('state', 32),
          int('version'),
          str('machineVersion', 32),
          text('snapshot'),
          ref('criteriaSetId'),
          ref('planYearId', true),
          text('report', true),
          instant('stageEnteredAt'),
          instant('dueAt', true),
          ref('createdById'),
          instant('createdAt'),
          instant('updatedAt'),
        ],
        indices: [
          idx(['unitId', 'year'], true),
          idx(['provinceId', 'state', 'updatedAt']),
          idx(['districtId', 'state', 'updatedAt']),
          idx(['provinceId', 'year', 'updatedAt']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'scores',
        columns: [
          id(),
          ref('dossierId'),
          str('stage', 16),
          str('criterionCode', 32),
          int('points'),
          text('note', true),
          ref('updatedById'),
          instant('updatedAt'),
        ],
        indices: [idx(['dossierId', 'stage', 'criterionCode'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [
          id(),
          ref('dossierId'),
          str('criterionCode', 32, true),
          str('fileName', 255),
          str('mimeType', 100),
          int('size'),
          str('sha256', 64),
          str('storageKey', 128),
          ref('uploadedById'),
          instant('createdAt'),
          instant('removedAt', true),
        ],
        indices: [idx(['dossierId', 'removedAt'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          id(),
          ref('dossierId'),
          int('seq'),
          instant('at'),
          ref('actorId', true),
          str('actorUsername', 64),
          str('actorRole', 32),
          str('type', 40),
          str('fromState', 32, true),
          str('toState', 32, true),
          text('reason', true),
          text('details', true),
          str('prevHash', 64, true),
          str('hash', 64),
        ],
        indices: [idx(['dossierId', 'seq'], true), idx(['at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [{ ...str('sid', 128), isPrimary: true }, instant('expiresAt'), text('data')],
        indices: [idx(['expiresAt'])],
      }),
    );
    await q.createTable(
      new Table({ name: 'app_settings', columns: [{ ...str('key', 64), isPrimary: true }, text('value')] }),
    );
    await this.makeAuditAppendOnly(q);
  }

  /** The audit trail refuses UPDATE and DELETE at the database, not only in the code. */
  private async makeAuditAppendOnly(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit_events is append-only'; END; $$ LANGUAGE plpgsql`);
      await q.query(`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
      return;
    }
    await q.query(`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
    await q.query(`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events');
      await q.query('DROP FUNCTION IF EXISTS audit_events_append_only()');
    }
    for (const t of [
      'app_settings',
      'sessions',
      'audit_events',
      'attachments',
      'scores',
      'dossiers',
      'plan_years',
      'plans',
      'criteria',
      'criteria_sets',
      'users',
      'units',
      'districts',
      'provinces',
    ]) {
      await q.dropTable(t);
    }
  }
}
