import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { countQueries } from '../helpers/query-count';
import { Attachment } from '../../entities';
import {
  findCurrentAttachments,
  findDossier,
  findDossierBundle,
  findScores,
  type ScoreEntry,
} from '../../src/dossiers/dossier.storage';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Reads are the most frequent requests, and on SQLite's single connection their cost is their number of
// statements (bench/README.md). These tests hold that number; they measure no time.
let t: TestApp;
let flow: DossierFlow;
beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
  for (const unit of ['linhphu', 'triphu', 'trungminh', 'hungloi']) {
    await new DossierFlow(t, { unit, district: null }).open();
  }
});
afterAll(async () => {
  await t.close();
});

describe('the dossier bundle', () => {
  it('holds what the per-table queries return: every score, the current evidence oldest first', async () => {
    const em = t.ds.manager;
    const [removed] = await findCurrentAttachments(em, flow.id);
    await t.ds.getRepository(Attachment).update({ id: removed.id }, { removedAt: t.now().toISOString() });
    const bundle = await findDossierBundle(em, flow.id);
    expect(bundle?.dossier).toStrictEqual(await findDossier(em, flow.id));
    const byKey = (s: ScoreEntry) => `${s.stage}/${s.criterionCode}`;
    const scores = await findScores(em, flow.id);
    expect(scores.length).toBeGreaterThanOrEqual(10);
    expect(bundle?.scores.map(byKey).sort()).toEqual(scores.map(byKey).sort());
    expect(new Map(bundle?.scores.map((s) => [byKey(s), s]))).toEqual(
      new Map(scores.map((s) => [byKey(s), s])),
    );
    const current = await findCurrentAttachments(em, flow.id);
    expect(current.map((a) => a.id)).not.toContain(removed.id);
    expect(bundle?.attachments.map((a) => ({ ...a }))).toEqual(current.map((a) => ({ ...a })));
    await t.ds.getRepository(Attachment).update({ id: removed.id }, { removedAt: null });
  });

  it('of a dossier with no scores and no evidence has empty lists; of no dossier is null', async () => {
    const fresh = await new DossierFlow(t, { unit: 'minhhuong', district: null }).open();
    const bundle = await findDossierBundle(t.ds.manager, fresh.id);
    expect(bundle).toMatchObject({ scores: [], attachments: [] });
    expect(bundle?.unit?.id).toBeTruthy();
    expect(await findDossierBundle(t.ds.manager, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });
});

describe('statements per read', () => {
  it('a dossier: session with user; the dossier with unit, district, scores and evidence', async () => {
    const agent = await t.as('nahang');
    await agent.get(`/api/dossiers/${flow.id}`).expect(200); // criteria-set version now cached
    const { result, queries } = await countQueries(t.ds, () => agent.get(`/api/dossiers/${flow.id}`));
    expect(result.status).toBe(200);
    expect(queries, queries.join('\n')).toHaveLength(2);
    expect(result.body.unit).toMatchObject({ name: 'Xã Thượng Nông', districtName: 'Huyện Na Hang' });
    expect(result.body.criteriaSet.items.length).toBeGreaterThan(0);
    expect(result.body.attachments.length).toBeGreaterThan(0);
    expect(result.body.selfAssessment.scores.length).toBe(result.body.criteriaSet.items.length);
  });

  it('a list page: session with user, the page with units and districts, the count (kept until a change)', async () => {
    const agent = await t.as('bcd138');
    const { result, queries } = await countQueries(t.ds, () => agent.get('/api/dossiers?pageSize=100'));
    expect(result.status).toBe(200);
    expect(queries, queries.join('\n')).toHaveLength(3);
    // Nothing changed in the province: the page's change counter says the total still holds.
    const again = await countQueries(t.ds, () => agent.get('/api/dossiers?pageSize=100'));
    expect(again.queries, again.queries.join('\n')).toHaveLength(2);
    expect(again.result.body.total).toBe(result.body.total);
    const mine = result.body.items.find((d: { id: string }) => d.id === flow.id);
    expect(mine?.unit).toMatchObject({ name: 'Xã Thượng Nông', districtName: 'Huyện Na Hang' });
    expect(result.body.total).toBeGreaterThanOrEqual(result.body.items.length);
  });

  it('pages cover every dossier once, newest change first, whatever the page size', async () => {
    const agent = await t.as('bcd138');
    const all = (await agent.get('/api/dossiers?pageSize=100').expect(200)).body;
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(2);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page++) {
      const res = await agent.get(`/api/dossiers?pageSize=2&page=${page}`).expect(200);
      expect(res.body.total).toBe(all.total);
      seen.push(...res.body.items.map((d: { id: string }) => d.id));
    }
    expect(seen).toEqual(all.items.map((d: { id: string }) => d.id));
    const updated = all.items.map((d: { updatedAt: string }) => d.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    expect(all.items.every((d: { unit: { name: string } | null }) => d.unit?.name)).toBe(true);
  });
});
