import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Province, Unit } from '../../entities';
import { newId } from '../../src/db/ids';
import { issueDecision } from '../helpers/decisions';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from '../web/page-session';

let t: TestApp;
let flowId = '';
beforeAll(async () => {
  t = await createTestApp();
  const flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
  await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
  flowId = flow.id;
  await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo('district_review');
  // A second province, with units and no dossier yet.
  const province = { id: newId(), code: 'HG', name: 'Tỉnh Hà Giang', shortName: 'Hà Giang' };
  await t.ds.getRepository(Province).insert({
    ...province,
    issuerName: 'ỦY BAN NHÂN DÂN TỈNH HÀ GIANG',
    decisionNumberPattern: '{n}/QĐ-UBND',
  });
  for (const code of ['HG-1', 'HG-2']) {
    await t.ds.getRepository(Unit).insert({
      id: newId(),
      provinceId: province.id,
      districtId: null,
      code,
      name: `Sở ${code}`,
      searchName: code.toLowerCase(),
      type: 'agency',
      managedBy: 'province',
      tags: [],
      block: 'Khối cơ quan',
      active: true,
    } as unknown as Unit);
  }
});
afterAll(async () => {
  await t.close();
});

const year = () => t.now().getUTCFullYear();

describe("the Ministry's national view", () => {
  it('shows every province side by side and the national total, matching each province’s own report', async () => {
    const ministry = await t.as('bocongan');
    const r = (await ministry.get(`/api/reports/national?year=${year()}`).expect(200)).body as {
      rows: { code: string; units: number; registered: number; submitted: number; recognized: number }[];
      total: { units: number; registered: number; recognized: number };
    };
    expect(r.rows.map((x) => x.code)).toEqual(['HG', 'TQ']);
    const tq = r.rows.find((x) => x.code === 'TQ');
    const own = (await (await t.as('bcd138')).get(`/api/reports/progress?year=${year()}`).expect(200)).body;
    expect(tq).toMatchObject({
      units: own.totals.units,
      registered: own.totals.registered,
      submitted: own.totals.submitted,
      recognized: own.totals.recognized,
    });
    expect(tq).toMatchObject({ registered: 2, submitted: 2, recognized: 1 });
    expect(r.rows.find((x) => x.code === 'HG')).toMatchObject({ units: 2, registered: 0, recognized: 0 });
    expect(r.total.units).toBe(r.rows.reduce((s, x) => s + x.units, 0));
    expect(r.total.recognized).toBe(1);
    const page = await request.agent(t.app);
    await pageLogin(page, 'bocongan');
    const html = (await page.get(`/reports/national?year=${year()}`).expect(200)).text;
    expect(html).toContain('Tỉnh Hà Giang');
    expect(html).toContain('Toàn quốc');
  });

  it('is for the Ministry and the admin only', async () => {
    expect((await (await t.as('admin')).get(`/api/reports/national?year=${year()}`)).status).toBe(200);
    for (const who of ['bcd138', 'nahang', 'thuongnong', 'noivu']) {
      expect((await (await t.as(who)).get(`/api/reports/national?year=${year()}`)).status, who).toBe(403);
    }
  });

  it('reads every dossier and decision, and every write it sends is a 404 that changes nothing', async () => {
    const ministry = await t.as('bocongan');
    const dossier = (await ministry.get(`/api/dossiers/${flowId}`).expect(200)).body as {
      version: number;
      state: string;
    };
    expect(dossier.state).toBe('recognized');
    expect((await ministry.get('/api/decisions').expect(200)).body.items.length).toBeGreaterThan(0);
    const writes = [
      ministry
        .post(`/api/dossiers/${flowId}/events`)
        .send({ type: 'REVOKE', version: dossier.version, reason: 'x' }),
      ministry.post('/api/dossiers').send({ unitId: 'x', year: year() }),
      ministry.post('/api/decisions').send({ kind: 'recognition', dossierIds: [] }),
      ministry.put('/api/legal-bases/recognition').send({ provinceId: 'x', bases: [] }),
      ministry.delete(`/api/dossiers/${flowId}/attachments/x`),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('route_not_found');
    }
    const page = await request.agent(t.app);
    await pageLogin(page, 'bocongan');
    expect((await postForm(page, '/decisions', { kind: 'recognition' })).status).toBe(404);
    expect((await ministry.get(`/api/dossiers/${flowId}`).expect(200)).body.version).toBe(dossier.version);
  });
});
