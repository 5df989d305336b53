import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const history = async (flow: DossierFlow) =>
  (await (await t.as(flow.actors.unit)).get(`/api/dossiers/${flow.id}/history`).expect(200)).body as {
    type: string;
  }[];

describe('optimistic versions', () => {
  it('a stale version is a 409 that names the current version, and changes nothing', async () => {
    const flow = await new DossierFlow(t, COMMUNE).open();
    const unit = await t.as('thuongnong');
    const res = await unit.post(`/api/dossiers/${flow.id}/events`).send({ type: 'START', version: 7 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stale_version', details: { currentVersion: 1 } });
    expect(await flow.get()).toMatchObject({ state: 'nominated', version: 1 });
    const stale = await unit
      .put(`/api/dossiers/${flow.id}/self-assessment`)
      .send({ scores: [], version: 99 });
    expect(stale.status).toBe(409);
  });

  it('twenty concurrent identical transitions: exactly one succeeds and one audit event is written', async () => {
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    const unit = await t.as('linhphu');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        unit.post(`/api/dossiers/${flow.id}/events`).send({ type: 'START', version: 1 }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect((await history(flow)).filter((e) => e.type === 'START')).toHaveLength(1);
    expect(await flow.get()).toMatchObject({ state: 'self_assessment', version: 2 });
  });

  it('twenty concurrent registrations of the same unit and year create one dossier', async () => {
    const unit = await t.as('triphu');
    const unitId = (await unit.get('/api/session')).body.user.unitId;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        unit.post('/api/dossiers').send({ unitId, year: t.now().getFullYear() }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    expect((await unit.get('/api/dossiers').expect(200)).body.total).toBe(1);
  });
});
