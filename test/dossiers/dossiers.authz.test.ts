import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/cli/users';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let review: DossierFlow; // Thượng Nông, in district review
let fresh: DossierFlow; // Linh Phú, nominated
beforeAll(async () => {
  t = await createTestApp();
  review = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
  fresh = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
});
afterAll(async () => {
  await t.close();
});

const version = async (f: DossierFlow) => (await f.get()).version;

describe('not logged in', () => {
  it.each([
    ['get', '/api/session'],
    ['get', '/api/units'],
    ['get', '/api/criteria-sets/current?unitType=commune'],
    ['get', '/api/dossiers'],
    ['post', '/api/dossiers'],
    ['get', '/api/dossiers/x'],
    ['post', '/api/dossiers/x/events'],
    ['put', '/api/dossiers/x/self-assessment'],
    ['put', '/api/dossiers/x/review-scores'],
    ['post', '/api/dossiers/x/attachments'],
    ['get', '/api/dossiers/x/history'],
  ] as const)('%s %s → 401', async (method, path) => {
    const res = await request(t.app)[method](path).send({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

describe('outside jurisdiction → 404, nothing revealed', () => {
  it.each(['linhphu', 'chiemhoa', 'thptchuyen'])('%s cannot see Thượng Nông’s dossier', async (username) => {
    const agent = await t.as(username);
    for (const path of ['', '/history']) {
      const res = await agent.get(`/api/dossiers/${review.id}${path}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('dossier_not_found');
    }
    const v = await version(review);
    expect(
      (await agent.post(`/api/dossiers/${review.id}/events`).send({ type: 'FORWARD', version: v })).status,
    ).toBe(404);
    // A unit officer may never score reviews (403 whatever the dossier); a reviewer elsewhere gets 404.
    const scoring = await agent.put(`/api/dossiers/${review.id}/review-scores`).send({ scores: [] });
    expect(scoring.status).toBe(username === 'chiemhoa' ? 404 : 403);
  });

  it('lists contain only the jurisdiction', async () => {
    const unitList = (await (await t.as('linhphu')).get('/api/dossiers').expect(200)).body;
    expect(unitList.items.map((d: { id: string }) => d.id)).toEqual([fresh.id]);
    const district = (await (await t.as('nahang')).get('/api/dossiers').expect(200)).body;
    expect(district.items.map((d: { id: string }) => d.id)).toEqual([review.id]);
    const units = (await (await t.as('thuongnong')).get('/api/units').expect(200)).body.items;
    expect(units.map((u: { name: string }) => u.name)).toEqual(['Xã Thượng Nông']);
    const naHang = (await (await t.as('nahang')).get('/api/units').expect(200)).body.items;
    expect(new Set(naHang.map((u: { districtName: string }) => u.districtName))).toEqual(
      new Set(['Huyện Na Hang']),
    );
  });

  it('provincial roles and the admin see the whole province', async () => {
    for (const username of ['bcd138', 'noivu', 'admin']) {
      expect((await (await t.as(username)).get('/api/dossiers').expect(200)).body.total).toBe(2);
    }
  });
});

describe('wrong role for an event → 403 naming the allowed events, nothing changed', () => {
  it.each([
    ['thuongnong', 'FORWARD'],
    ['bcd138', 'FORWARD'],
    ['noivu', 'REJECT'],
    ['admin', 'RETURN'],
  ])('%s sending %s in district review', async (username, type) => {
    const before = await review.get('district');
    const res = await (
      await t.as(username)
    )
      .post(`/api/dossiers/${review.id}/events`)
      .send({ type, version: before.version, ...(type === 'FORWARD' ? {} : { reason: 'x' }) });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'event_forbidden', details: { state: 'district_review' } });
    expect(await review.get('district')).toMatchObject({ state: 'district_review', version: before.version });
  });

  it('the district may not START or WITHDRAW a unit’s dossier it nominated for it', async () => {
    for (const type of ['START', 'WITHDRAW']) {
      const res = await (
        await t.as('chiemhoa')
      )
        .post(`/api/dossiers/${fresh.id}/events`)
        .send({ type, version: await version(fresh) });
      expect(res.status).toBe(403);
    }
  });

  it('scoring belongs to the unit (self) and to the reviewer of the current stage', async () => {
    const scores = review.scores();
    expect(
      (await (await t.as('nahang')).put(`/api/dossiers/${fresh.id}/self-assessment`).send({ scores })).status,
    ).toBe(403);
    expect(
      (await (await t.as('thuongnong')).put(`/api/dossiers/${review.id}/review-scores`).send({ scores }))
        .status,
    ).toBe(403);
    const res = await (await t.as('bcd138')).put(`/api/dossiers/${review.id}/review-scores`).send({ scores });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_stage_reviewer');
    expect(
      (await (await t.as('noivu')).put(`/api/dossiers/${review.id}/review-scores`).send({ scores })).status,
    ).toBe(403);
  });
});

describe('opening dossiers', () => {
  const year = () => t.now().getFullYear();
  const unitIdOf = async (username: string) =>
    (await (await t.as(username)).get('/api/session')).body.user.unitId as string;

  it('a unit officer cannot open a dossier for another unit (404)', async () => {
    const other = await unitIdOf('triphu');
    const res = await (await t.as('thuongnong')).post('/api/dossiers').send({ unitId: other, year: year() });
    expect(res.status).toBe(404);
  });

  it('a district nominates its own district-managed units only', async () => {
    const triPhu = await unitIdOf('triphu');
    expect(
      (await (await t.as('nahang')).post('/api/dossiers').send({ unitId: triPhu, year: year() })).status,
    ).toBe(404);
    const res = await (await t.as('chiemhoa')).post('/api/dossiers').send({ unitId: triPhu, year: year() });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('nominated');
    const school = await unitIdOf('thptchuyen');
    const tp = await t.as('tptuyenquang');
    const refused = await tp.post('/api/dossiers').send({ unitId: school, year: year() });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('unit_not_district_managed');
  });

  it('provincial roles and the admin do not open dossiers (403)', async () => {
    const unitId = await unitIdOf('yenlam');
    for (const username of ['bcd138', 'noivu', 'admin']) {
      expect((await (await t.as(username)).post('/api/dossiers').send({ unitId, year: year() })).status).toBe(
        403,
      );
    }
  });

  it('one dossier per unit and year (409), and only under an open plan (422)', async () => {
    const unitId = await unitIdOf('thuongnong');
    const dup = await (await t.as('thuongnong')).post('/api/dossiers').send({ unitId, year: year() });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'dossier_exists', details: { dossierId: review.id } });
    for (const y of [2024, year() + 1]) {
      const res = await (await t.as('thuongnong')).post('/api/dossiers').send({ unitId, year: y });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('no_open_plan');
    }
  });
});

describe('separation of duties', () => {
  it('a district reviewer who works in the unit cannot review, score or nominate it', async () => {
    await createUser(t.ds, {
      username: 'cb.thuongnong',
      password: 'CongTacXa2026',
      displayName: 'Cán bộ Công an huyện công tác tại xã',
      role: 'district_reviewer',
      province: 'TQ',
      district: 'NH',
      unit: 'NH-THUONGNONG',
    });
    const insider = request.agent(t.app);
    await insider
      .post('/api/session')
      .send({ username: 'cb.thuongnong', password: 'CongTacXa2026' })
      .expect(200);
    const seen = (await insider.get(`/api/dossiers/${review.id}`).expect(200)).body;
    expect(seen.allowedEvents).toEqual([]);
    const forward = await insider
      .post(`/api/dossiers/${review.id}/events`)
      .send({ type: 'FORWARD', version: seen.version });
    expect(forward.status).toBe(403);
    const score = await insider
      .put(`/api/dossiers/${review.id}/review-scores`)
      .send({ scores: review.scores() });
    expect(score.status).toBe(403);
    expect(score.body.error.code).toBe('conflict_of_interest');
  });
});
