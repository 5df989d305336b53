import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeCounter, District, Dossier } from '../../entities';
import { districtDossiers, provinceDossiers, ValidatedCache } from '../../src/db/change-counters';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { countQueries } from '../helpers/query-count';
import { createTestApp, type TestApp } from '../helpers/test-app';

// List totals are kept while the province's (or district's) change counter stands still. The counters are
// kept by triggers, so a write from anywhere — another instance, the CLI, a hand-run statement — moves
// them and the next list counts again. These tests write behind the application's back to show it.
let t: TestApp;
let flow: DossierFlow;
beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
});
afterAll(async () => {
  await t.close();
});

const counter = async (scope: string) =>
  (await t.ds.getRepository(ChangeCounter).findOneBy({ scope }))?.seq ?? null;
/** A counter that must exist by now. */
const counted = async (scope: string): Promise<number> => {
  const seq = await counter(scope);
  if (seq === null) throw new Error(`no counter ${scope}`);
  return seq;
};

describe('change counters', () => {
  it('move on every insert, update and delete of a dossier, for its province and district, old and new', async () => {
    const dossier = await t.ds.getRepository(Dossier).findOneByOrFail({ id: flow.id });
    const province = provinceDossiers(dossier.provinceId);
    const district = districtDossiers(dossier.districtId ?? '');
    const p0 = await counted(province);
    const d0 = await counted(district);

    await t.ds.query('UPDATE "dossiers" SET "report" = \'x\' WHERE "id" = ' + placeholder(1), [dossier.id]);
    expect(await counter(province)).toBe(p0 + 1);
    expect(await counter(district)).toBe(d0 + 1);

    // Moved to another district (of the same province): both districts and the province move.
    const other = await t.ds
      .getRepository(District)
      .createQueryBuilder('d')
      .where('d.provinceId = :p AND d.id != :d', { p: dossier.provinceId, d: dossier.districtId })
      .getOneOrFail();
    const o0 = await counter(districtDossiers(other.id));
    await t.ds.query(
      `UPDATE "dossiers" SET "districtId" = ${placeholder(1)} WHERE "id" = ${placeholder(2)}`,
      [other.id, dossier.id],
    );
    expect(await counter(province)).toBe(p0 + 2);
    expect(await counter(district)).toBe(d0 + 2);
    const o1 = await counter(districtDossiers(other.id));
    if (o0 === null) expect(o1).toEqual(expect.any(Number));
    else expect(o1).toBe(o0 + 1);

    const row = await t.ds.getRepository(Dossier).findOneByOrFail({ id: dossier.id });
    await t.ds.getRepository(Dossier).delete({ id: dossier.id });
    expect(await counter(province)).toBe(p0 + 3);
    await t.ds.getRepository(Dossier).insert({ ...row, districtId: dossier.districtId });
    expect(await counter(province)).toBe(p0 + 4);
    expect(await counter(district)).toBe(d0 + 3);
  });

  it('make a list count again after any write, even one the application did not make', async () => {
    const agent = await t.as('bcd138');
    const inbox = '/api/dossiers?state=district_review&pageSize=5';
    const before = (await agent.get(inbox).expect(200)).body.total;
    expect(before).toBeGreaterThan(0);
    const held = await countQueries(t.ds, () => agent.get(inbox));
    expect(held.queries).toHaveLength(2); // session and page; the total is held
    expect(held.result.body.total).toBe(before);

    // Another writer moves one dossier on: the next list counts, and says so.
    await t.ds.query(
      `UPDATE "dossiers" SET "state" = 'provincial_appraisal' WHERE "id" = ${placeholder(1)}`,
      [flow.id],
    );
    const recounted = await countQueries(t.ds, () => agent.get(inbox));
    expect(recounted.queries).toHaveLength(3);
    expect(recounted.result.body.total).toBe(before - 1);
    const district = await (await t.as('nahang')).get(inbox).expect(200);
    expect(district.body.items.map((d: { id: string }) => d.id)).not.toContain(flow.id);
  });

  it('an empty page still says how many there are', async () => {
    const agent = await t.as('bcd138');
    const all = (await agent.get('/api/dossiers?pageSize=5').expect(200)).body;
    const beyond = (await agent.get('/api/dossiers?pageSize=5&page=999').expect(200)).body;
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(all.total);
  });
});

describe('ValidatedCache', () => {
  it('gives a value back only at the counter value it was computed at', () => {
    const cache = new ValidatedCache<number>();
    cache.set('k', 7, 42);
    expect(cache.get('k', 7)).toBe(42);
    expect(cache.get('k', 8)).toBeUndefined();
    expect(cache.get('k', 7)).toBeUndefined(); // a mismatch drops the entry
  });

  it('holds at most its bound, dropping the least recently used', () => {
    const cache = new ValidatedCache<string>(2);
    cache.set('a', 1, 'A');
    cache.set('b', 1, 'B');
    expect(cache.get('a', 1)).toBe('A'); // a is now the most recent
    cache.set('c', 1, 'C');
    expect(cache.size).toBe(2);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBe('A');
    expect(cache.get('c', 1)).toBe('C');
  });
});

/** The n-th placeholder in this database's dialect. */
function placeholder(n: number): string {
  return t.ds.options.type === 'postgres' ? `$${n}` : '?';
}
