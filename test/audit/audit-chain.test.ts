import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../entities';
import { verifyAuditChains } from '../../src/audit/audit.service';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let flow: DossierFlow;
beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
});
afterAll(async () => {
  await t.close();
});

describe('the audit trail', () => {
  it('is a valid hash chain after a real flow', async () => {
    const { events, problems } = await verifyAuditChains(t.ds);
    expect(events).toBe((await flow.get()).version);
    expect(problems).toEqual([]);
    const rows = await t.ds
      .getRepository(AuditEvent)
      .find({ where: { dossierId: flow.id }, order: { seq: 'ASC' } });
    expect(rows[0].prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await expect(
      t.ds.query(`UPDATE audit_events SET reason = 'sửa' WHERE "dossierId" = '${flow.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_events WHERE "dossierId" = '${flow.id}'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('detects an edited row and a deleted last event when the triggers are bypassed', async () => {
    const sqlite = t.ds.options.type === 'sqlite';
    if (sqlite) {
      await t.ds.query('DROP TRIGGER audit_events_no_update');
      await t.ds.query('DROP TRIGGER audit_events_no_delete');
    } else {
      await t.ds.query('DROP TRIGGER audit_events_no_change ON audit_events');
    }
    await t.ds.query(
      `UPDATE audit_events SET "actorUsername" = 'nguoi-khac' WHERE "dossierId" = '${flow.id}' AND seq = 2`,
    );
    const last = (await flow.get()).version;
    await t.ds.query(`DELETE FROM audit_events WHERE "dossierId" = '${flow.id}' AND seq = ${last}`);
    const { problems } = await verifyAuditChains(t.ds);
    expect(problems).toEqual(
      expect.arrayContaining([
        { dossierId: flow.id, seq: 2, problem: 'hash_mismatch' },
        { dossierId: flow.id, seq: last, problem: 'missing_event' },
      ]),
    );
  });
});
