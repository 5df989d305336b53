import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfVnDay } from '../../src/calendar/time';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { vnTime } from '../helpers/http';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
// Monday 23/11/2026, 09:00 in Việt Nam.
const MONDAY = new Date('2026-11-23T02:00:00Z');
const at = vnTime;

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
});
afterAll(async () => {
  await t.close();
});

describe('deadline extension (gia hạn)', () => {
  it('lets only the admin extend a dossier not yet submitted, with a reason and a later date, audited', async () => {
    t.setNow(MONDAY);
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'self_assessment',
    );
    const before = await flow.get();
    const url = `/api/dossiers/${flow.id}/extension`;
    const body = { until: '2027-02-26', reason: 'Xã bị ảnh hưởng lũ lụt', version: before.version };
    for (const who of ['linhphu', 'chiemhoa', 'bcd138', 'noivu']) {
      expect((await (await t.as(who)).post(url).send(body)).status, who).toBe(403);
    }
    const admin = await t.as('admin');
    const noReason = await admin
      .post(url)
      .send({ ...body, reason: '  ' })
      .expect(400);
    expect(noReason.body.error.details.fields[0].field).toBe('reason');
    const earlier = await admin
      .post(url)
      .send({ ...body, until: '2027-01-02' })
      .expect(422);
    expect(earlier.body.error.code).toBe('extension_not_later');
    await admin
      .post(url)
      .send({ ...body, until: '2027-02-30' })
      .expect(400);
    await admin
      .post(url)
      .send({ ...body, version: before.version - 1 })
      .expect(409);
    const extended = await admin.post(url).send(body).expect(200);
    expect(extended.body).toMatchObject({
      submissionDeadline: endOfVnDay('2027-02-26'),
      dueAt: endOfVnDay('2027-02-26'),
      version: before.version + 1,
      state: 'self_assessment',
    });
    const history = (await admin.get(`/api/dossiers/${flow.id}/history`).expect(200)).body as {
      type: string;
      reason: string;
      actor: { username: string };
    }[];
    expect(history.at(-1)).toMatchObject({
      type: 'EXTEND_DEADLINE',
      reason: 'Xã bị ảnh hưởng lũ lụt',
      actor: { username: 'admin' },
    });
    // After the plan's deadline (22/01/2027) but within the extension, the unit may still submit.
    t.setNow(at('2027-02-10'));
    await flow.advanceTo('district_review');
  });

  it('refuses an extension once the dossier is submitted (409) or after the plan deadline without one (422)', async () => {
    t.setNow(MONDAY);
    const submitted = await new DossierFlow(t, { unit: 'triphu', district: 'chiemhoa' }).advanceTo(
      'district_review',
    );
    const { version } = await submitted.get();
    const res = await (
      await t.as('admin')
    )
      .post(`/api/dossiers/${submitted.id}/extension`)
      .send({ until: '2027-03-01', reason: 'x', version })
      .expect(409);
    expect(res.body.error.code).toBe('event_not_allowed');

    const late = await new DossierFlow(t, { unit: 'trungminh', district: 'yenson' }).advanceTo(
      'self_assessment',
    );
    await late.selfAssess();
    await late.attachEvidence();
    t.setNow(at('2027-01-25'));
    const refused = await late.send('unit', 'SUBMIT');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('submission_deadline_passed');
  });
});

describe('stage due dates', () => {
  it('gives district review 10 working days and stops the clock while the dossier is returned', async () => {
    t.setNow(MONDAY);
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    expect((await flow.get()).dueAt).toBe(endOfVnDay('2026-12-07'));
    // Returned on Thursday 26/11: 3 working days used.
    t.setNow(at('2026-11-26', 15));
    await flow.sendOk('district', 'RETURN', 'self_assessment', { reason: 'Bổ sung biên bản' });
    // The unit answers on Monday 7/12: 7 working days left → Wednesday 16/12.
    t.setNow(at('2026-12-07'));
    await flow.sendOk('unit', 'SUBMIT', 'district_review');
    expect((await flow.get()).dueAt).toBe(endOfVnDay('2026-12-16'));
    // Provincial appraisal: 15 working days from Tuesday 8/12 → Tuesday 29/12.
    t.setNow(at('2026-12-08'));
    await flow.review('district');
    await flow.sendOk('district', 'FORWARD', 'provincial_appraisal');
    expect((await flow.get()).dueAt).toBe(endOfVnDay('2026-12-29'));
  });

  it('skips the public holidays the admin keeps', async () => {
    const admin = await t.as('admin');
    const list = (await admin.get('/api/holidays').expect(200)).body;
    expect(list.fixed).toContain('2026-09-02');
    await admin
      .put('/api/holidays')
      .send({ holidays: [...list.holidays, { date: '2026-11-25', name: 'Ngày nghỉ thử' }] })
      .expect(200);
    const dup = await admin
      .put('/api/holidays')
      .send({
        holidays: [
          { date: '2026-11-25', name: 'a' },
          { date: '2026-11-25', name: 'b' },
        ],
      })
      .expect(422);
    expect(dup.body.error.code).toBe('duplicate_holiday');
    expect((await (await t.as('bcd138')).put('/api/holidays').send({ holidays: [] })).status).toBe(403);
    t.setNow(MONDAY);
    const flow = await new DossierFlow(t, { unit: 'hungloi', district: 'yenson' }).advanceTo(
      'district_review',
    );
    expect((await flow.get()).dueAt).toBe(endOfVnDay('2026-12-08'));
    await admin.put('/api/holidays').send({ holidays: list.holidays }).expect(200);
  });
});

describe('overdue dossiers per district', () => {
  it('lists what is past due, grouped by district, within the jurisdiction', async () => {
    t.setNow(at('2027-01-20'));
    const admin = (await (await t.as('admin')).get('/api/deadlines/overdue').expect(200)).body;
    const names = (admin.districts as { districtName: string }[]).map((d) => d.districtName);
    expect(names).toEqual(expect.arrayContaining(['Huyện Na Hang', 'Huyện Yên Sơn', 'Huyện Chiêm Hóa']));
    const yenSon = admin.districts.find((d: { districtName: string }) => d.districtName === 'Huyện Yên Sơn');
    expect(yenSon.dossiers[0]).toMatchObject({ unitName: 'Xã Hùng Lợi', state: 'district_review' });
    expect(yenSon.dossiers[0].overdueWorkingDays).toBeGreaterThan(20);
    const nahang = (await (await t.as('nahang')).get('/api/deadlines/overdue').expect(200)).body;
    expect(nahang.districts.map((d: { districtName: string }) => d.districtName)).toEqual(['Huyện Na Hang']);
    expect((await (await t.as('thuongnong')).get('/api/deadlines/overdue')).status).toBe(403);
  });
});
