import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { AuditEvent, Decision, Dossier, Plan, Session } from '../../entities';
import { dataSourceOptions, openDataSource } from '../../src/db/data-source';
import { loadDemoData } from '../../src/demo/load-demo-data';
import { createTestDatabaseUrl } from '../helpers/test-database';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { DossierFlow, COMMUNE } from '../helpers/dossier-flow';
import { issueDecision } from '../helpers/decisions';
import { binary } from '../helpers/http';
import { pdfText } from '../helpers/pdf';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('migrations', () => {
  it('build a schema on an empty database that matches the entities exactly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-mig-'));
    const { url, drop } = await createTestDatabaseUrl(dir);
    const ds = await openDataSource(dataSourceOptions(url, dir));
    cleanups.push(async () => {
      await ds.destroy();
      await drop();
    });
    if (ds.options.type === 'postgres') {
      // PostgreSQL's schema diff is exact: the migrations leave nothing for `synchronize` to do.
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } else {
      // TypeORM's SQLite diff rebuilds tables for cosmetic reasons; compare tables and columns instead.
      const runner = ds.createQueryRunner();
      for (const entity of ds.entityMetadatas) {
        const table = await runner.getTable(entity.tableName);
        expect(table, entity.tableName).toBeDefined();
        expect(table?.columns.map((c) => c.name).sort(), entity.tableName).toEqual(
          entity.columns.map((c) => c.databaseName).sort(),
        );
        expect(table?.indices.map((i) => i.columnNames.join(',')).sort(), entity.tableName).toEqual(
          entity.indices.map((i) => i.columns.map((c) => c.databaseName).join(',')).sort(),
        );
      }
      await runner.release();
    }
    await loadDemoData(ds);
    expect(await ds.getRepository(Plan).count()).toBe(2);
  });

  it("upgrade a database with last release's schema and data, keeping every row", async () => {
    const t: TestApp = await createTestApp({ now: new Date('2026-11-23T02:00:00Z') });
    cleanups.push(() => t.close());
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    const submit = await t.ds
      .getRepository(AuditEvent)
      .findOneByOrFail({ dossierId: flow.id, type: 'SUBMIT' });
    const eventsBefore = await t.ds.getRepository(AuditEvent).count();
    const reviewer = await t.as('nahang'); // a session opened before the upgrade
    // One runner for every look at the schema, released before migrating (each holds a pool connection).
    const runner = t.ds.createQueryRunner();
    // Back thirteen releases (before councils and meetings, accounts and mail, saved filters, dossier codes, the reporting body, issued reports, digital signatures, legal
    // bases, the decision lifecycle, change counters, session users, admin events, plans/deadlines), then forward.
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('meetings')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('mail_outbox')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('saved_filters')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('dossier_receipts')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    const provinceColumns = (await runner.getTable('provinces'))?.columns.map((c) => c.name);
    expect(provinceColumns).not.toContain('reportingBody');
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('progress_reports')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('signing_identities')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('legal_bases')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('decision_events')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('change_counters')).toBe(false);
    await t.ds.query('UPDATE "dossiers" SET "report" = "report"'); // the triggers went with their table
    await t.ds.undoLastMigration({ transaction: 'each' });
    const sessionColumns = (await runner.getTable('sessions'))?.columns.map((c) => c.name);
    expect(sessionColumns).not.toContain('userId');
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await runner.hasTable('admin_events')).toBe(false);
    await t.ds.undoLastMigration({ transaction: 'each' });
    const columns = (await runner.getTable('dossiers'))?.columns.map((c) => c.name) ?? [];
    expect(columns).not.toContain('submittedAt');
    await runner.release();
    await t.ds.runMigrations({ transaction: 'each' });
    const dossier = await t.ds.getRepository(Dossier).findOneByOrFail({ id: flow.id });
    expect(dossier.state).toBe('district_review');
    expect(dossier.submittedAt).toBe(submit.at);
    expect(dossier.stageDaysUsed).toEqual({});
    expect(await t.ds.getRepository(AuditEvent).count()).toBe(eventsBefore);
    const plans = await t.ds.getRepository(Plan).find();
    expect(plans.every((p) => p.updatedAt === p.createdAt && p.version === 1)).toBe(true);
    // Open sessions survive the upgrade, now naming their user.
    const sessions = await t.ds.getRepository(Session).find();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((row) => row.userId !== null)).toBe(true);
    await reviewer.get(`/api/dossiers/${flow.id}`).expect(200);
    // The upgraded database still works end to end, and list totals follow changes again.
    const inbox = async () =>
      (await (await t.as('bcd138')).get('/api/dossiers?state=provincial_appraisal').expect(200)).body.total;
    const waiting = await inbox();
    await flow.review('district');
    await flow.sendOk('district', 'FORWARD', 'provincial_appraisal');
    expect(await inbox()).toBe(waiting + 1);
    // Dossiers opened before codes existed get theirs in the order they were opened; new ones continue.
    expect(dossier.code).toBe('TQ-2026-000001');
    const next = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    expect((await next.get()).code).toBe('TQ-2026-000002');
  }, 90_000);

  it('keeps decisions issued before the decision lifecycle issued, numbered and verifiable', async () => {
    const t: TestApp = await createTestApp();
    cleanups.push(() => t.close());
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
    const issued = await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    const serial = issued.items[0].serial ?? '';
    await t.ds.undoLastMigration({ transaction: 'each' }); // councils and meetings
    await t.ds.undoLastMigration({ transaction: 'each' }); // accounts and mail
    await t.ds.undoLastMigration({ transaction: 'each' }); // saved filters
    await t.ds.undoLastMigration({ transaction: 'each' }); // dossier codes and receipts
    await t.ds.undoLastMigration({ transaction: 'each' }); // the reporting body
    await t.ds.undoLastMigration({ transaction: 'each' }); // issued reports
    await t.ds.undoLastMigration({ transaction: 'each' }); // digital signatures
    await t.ds.undoLastMigration({ transaction: 'each' }); // legal bases
    await t.ds.undoLastMigration({ transaction: 'each' }); // the decision lifecycle
    const runner = t.ds.createQueryRunner();
    const columns = (await runner.getTable('decisions'))?.columns.map((c) => c.name) ?? [];
    await runner.release();
    expect(columns).not.toContain('state');
    await t.ds.runMigrations({ transaction: 'each' });
    const row = await t.ds.getRepository(Decision).findOneByOrFail({ id: issued.id });
    expect(row).toMatchObject({ state: 'issued', numberText: '01/QĐ-UBND', version: 1 });
    expect(row.issuedAt).toBe(row.signedAt);
    const v = await request(t.app).get(`/api/verify/${serial}`).expect(200);
    expect(v.body).toMatchObject({ valid: true, decisionNumber: '01/QĐ-UBND', signatures: [] });
    // Issued before documents were signed: its PDF is rendered from its rows, as it always was.
    const pdf = await binary((await t.as('noivu')).get(`/api/decisions/${issued.id}/pdf`)).expect(200);
    expect(pdfText(pdf.body as Buffer)).toContain('Số: 01/QĐ-UBND');
  });
});
