import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Dossier, Province, Unit } from '../../entities';
import { verifyAuditChains } from '../../src/audit/audit.service';
import { DOSSIER_STATES } from '../../machines/dossier.machine';
import { generateScale } from '../../src/demo/scale/generate-scale';
import { historyTo } from '../../src/demo/scale/histories';
import { dossierMachine } from '../../machines/dossier.machine';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { attachmentsDir } from '../../src/attachments/attachment-files';

let t: TestApp;
const SMALL = { districts: 2, communesPerDistrict: 6, agenciesPerDistrict: 10, provincialAgencies: 9 };

beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(async () => {
  await t.close();
});

describe('the scale generator (demo:scale)', () => {
  it('writes only histories the machine allows', () => {
    for (const state of DOSSIER_STATES) {
      for (const managedBy of ['district', 'province'] as const) {
        if (state === 'district_review' && managedBy === 'province') continue;
        for (const withReturn of [false, true]) {
          const steps = historyTo(state, managedBy, withReturn);
          expect(steps[0]).toMatchObject({ type: 'CREATE', to: 'nominated' });
          expect(steps.at(-1)?.to).toBe(state);
          for (const s of steps.slice(1)) {
            const on = dossierMachine.states[s.from as string]?.on as Record<string, unknown> | undefined;
            expect(on && s.type in on, `${managedBy} ${s.from} × ${s.type}`).toBeTruthy();
          }
        }
      }
    }
  });

  it('builds 34 provinces with dossiers in every state, whole hash chains, and working accounts', async () => {
    const lines: string[] = [];
    const result = await generateScale(t.ds, {
      dossiers: 3400,
      year: 2026,
      seed: 7,
      password: DEMO_PASSWORD,
      shape: SMALL,
      log: (l) => lines.push(l),
      attachmentsDir: attachmentsDir(t.ctx),
    });
    expect(result).toMatchObject({ provinces: 34, units: 34 * 41, dossiers: 3400 });
    expect(lines).toHaveLength(34);
    expect(await t.ds.getRepository(Province).count()).toBe(34);
    expect(await t.ds.getRepository(Unit).count()).toBe(34 * 41);
    expect(await t.ds.getRepository(Dossier).count()).toBe(3400);
    expect(await t.ds.getRepository(AuditEvent).count()).toBe(result.auditEvents);
    const states = await t.ds.query('SELECT "state", COUNT(*) AS n FROM "dossiers" GROUP BY "state"');
    expect(states.map((r: { state: string }) => r.state).sort()).toEqual([...DOSSIER_STATES].sort());
    // More dossiers than units per year: the generator fills in earlier years, one dossier per unit and year.
    const years = await t.ds.query('SELECT DISTINCT "year" FROM "dossiers" ORDER BY "year"');
    expect(years.map((r: { year: number }) => Number(r.year))).toEqual([2024, 2025, 2026]);
    expect((await verifyAuditChains(t.ds)).problems).toEqual([]);

    const agent = (await import('supertest')).default.agent(t.app);
    await agent.post('/api/session').send({ username: 'hni.tinh', password: DEMO_PASSWORD }).expect(200);
    const list = await agent.get('/api/dossiers?state=provincial_appraisal&pageSize=5').expect(200);
    expect(list.body.total).toBeGreaterThan(0);
    const one = await agent.get(`/api/dossiers/${list.body.items[0].id}`).expect(200);
    expect(one.body.allowedEvents).toEqual(expect.arrayContaining(['PASS', 'RETURN', 'REJECT']));
    // It carries what a real one at that stage carries: every criterion scored by the unit and (for a
    // district-managed unit) the district, passing, and evidence that downloads.
    const items = one.body.criteriaSet.items;
    expect(one.body.selfAssessment.scores).toHaveLength(items.length);
    expect(one.body.selfAssessment).toMatchObject({ complete: true, passing: true });
    const evidenceRequired = items.filter((c: { evidenceRequired: boolean }) => c.evidenceRequired);
    expect(one.body.attachments).toHaveLength(evidenceRequired.length);
    if (one.body.unit.managedBy === 'district') expect(one.body.reviews[0].stage).toBe('district');
    const file = await agent
      .get(`/api/dossiers/${one.body.id}/attachments/${one.body.attachments[0].id}`)
      .expect(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    // Dossiers not yet submitted have neither.
    const drafts = await t.ds.query(
      `SELECT COUNT(*) AS n FROM "scores" s JOIN "dossiers" d ON d."id" = s."dossierId" WHERE d."state" = 'nominated'`,
    );
    expect(Number(drafts[0].n)).toBe(0);
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM "attachments"'))[0].n)).toBeGreaterThan(1000);
    const report = await agent.get('/api/reports/progress?year=2026').expect(200);
    expect(report.body.totals.registered).toBeGreaterThan(0);
  });
});
