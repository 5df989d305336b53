import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow, PROVINCE_SCHOOL } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('the full flow over HTTP', () => {
  it('takes a district-managed commune from nomination to awaiting decision, audited at every step', async () => {
    const flow = await new DossierFlow(t, COMMUNE).open();
    let d = await flow.get();
    expect(d).toMatchObject({ state: 'nominated', version: 1, year: t.now().getFullYear() });
    expect(d.allowedEvents).toEqual(['START', 'WITHDRAW']);
    expect(d.unit).toMatchObject({
      name: 'Xã Thượng Nông',
      type: 'commune',
      managedBy: 'district',
      districtName: 'Huyện Na Hang',
    });

    await flow.sendOk('unit', 'START', 'self_assessment');
    await flow.selfAssess();
    await flow.attachEvidence();
    d = await flow.get();
    expect(d.selfAssessment).toMatchObject({
      total: 100,
      complete: true,
      passing: true,
      missingEvidence: [],
    });
    expect(d.allowedEvents).toEqual(['SUBMIT', 'WITHDRAW']);

    const submitted = await flow.sendOk('unit', 'SUBMIT', 'district_review');
    expect(submitted.dueAt).toBeTruthy();
    expect((await flow.get('district')).allowedEvents).toEqual(['RETURN', 'FORWARD', 'REJECT']);
    expect((await flow.get('unit')).allowedEvents).toEqual([]);

    await flow.review('district', (i) => (i.code === 'XA-02' ? 8 : i.maxPoints));
    await flow.sendOk('district', 'FORWARD', 'provincial_appraisal');
    await flow.review('province');
    const passed = await flow.sendOk('province', 'PASS', 'awaiting_decision');
    expect(passed.reviews.map((r: { stage: string; total: number }) => [r.stage, r.total])).toEqual([
      ['district', 98],
      ['provincial', 100],
    ]);
    expect((await flow.get('affairs')).allowedEvents).toEqual(['RETURN']);

    const history = (await (await t.as('thuongnong')).get(`/api/dossiers/${flow.id}/history`).expect(200))
      .body;
    const transitions = history
      .filter((e: { from: string | null; to: string | null }) => e.from !== e.to)
      .map((e: { type: string; from: string; to: string; actor: { username: string } }) => [
        e.type,
        e.from,
        e.to,
        e.actor.username,
      ]);
    expect(transitions).toEqual([
      ['CREATE', null, 'nominated', 'thuongnong'],
      ['START', 'nominated', 'self_assessment', 'thuongnong'],
      ['SUBMIT', 'self_assessment', 'district_review', 'thuongnong'],
      ['FORWARD', 'district_review', 'provincial_appraisal', 'nahang'],
      ['PASS', 'provincial_appraisal', 'awaiting_decision', 'bcd138'],
    ]);
    // Every change bumped the version by one and wrote one event.
    expect(history.length).toBe(passed.version);
  });

  it('takes a province-managed school straight to provincial appraisal, and returns go to the unit', async () => {
    const flow = await new DossierFlow(t, PROVINCE_SCHOOL).open();
    expect((await flow.get()).unit).toMatchObject({ type: 'school', managedBy: 'province' });
    expect((await flow.get()).criteriaSet).toMatchObject({ code: 'QD9745-CQ' });
    await flow.advanceTo('provincial_appraisal');

    await flow.sendOk('province', 'RETURN', 'self_assessment', { reason: 'Bổ sung báo cáo thành tích' });
    await flow.sendOk('unit', 'SUBMIT', 'provincial_appraisal');
    await flow.review('province');
    await flow.sendOk('province', 'PASS', 'awaiting_decision');
  });

  it('returns with reasons and criteria to fix, shows them to the unit, and accepts the resubmission', async () => {
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    const criteria = [{ code: 'XA-03', note: 'Thiếu biên bản tổ chức Ngày hội 19/8' }];
    await flow.sendOk('district', 'RETURN', 'self_assessment', {
      reason: 'Hồ sơ chưa đủ minh chứng',
      criteria,
    });

    const seen = await flow.get('unit');
    expect(seen.returnRequest).toMatchObject({
      reason: 'Hồ sơ chưa đủ minh chứng',
      criteria,
      from: 'district_review',
    });
    expect(seen.allowedEvents).toContain('SUBMIT');

    await flow.sendOk('unit', 'SUBMIT', 'district_review');
    expect((await flow.get('unit')).returnRequest).toBeNull();
    await flow.review('district');
    await flow.sendOk('district', 'FORWARD', 'provincial_appraisal');

    // The province returns to the district (district-managed unit), which can return on to the unit.
    await flow.sendOk('province', 'RETURN', 'district_review', {
      reason: 'Đề nghị huyện thẩm tra lại tiêu chí XA-07',
    });
    expect((await flow.get('district')).returnRequest).toMatchObject({ from: 'provincial_appraisal' });
    await flow.sendOk('district', 'FORWARD', 'provincial_appraisal');
    await flow.review('province');
    await flow.sendOk('province', 'PASS', 'awaiting_decision');
    // Internal affairs can send it back to the province.
    await flow.sendOk('affairs', 'RETURN', 'provincial_appraisal', { reason: 'Cần ý kiến Công an tỉnh' });

    const history = (await (await t.as('nahang')).get(`/api/dossiers/${flow.id}/history`).expect(200)).body;
    const returns = history.filter((e: { type: string }) => e.type === 'RETURN');
    expect(returns.map((e: { reason: string }) => e.reason)).toEqual([
      'Hồ sơ chưa đủ minh chứng',
      'Đề nghị huyện thẩm tra lại tiêu chí XA-07',
      'Cần ý kiến Công an tỉnh',
    ]);
    // The return keeps the criteria to fix, and what the unit had then (to compare the resubmission with).
    expect(returns[0].details).toEqual({
      criteria,
      returnedWith: { scores: expect.any(Array), evidence: expect.any(Array) },
    });
    expect(returns[0].details.returnedWith.scores.length).toBeGreaterThan(0);
  });

  it('lets the unit withdraw before review, and a reviewer reject with a reason', async () => {
    const a = await new DossierFlow(t, COMMUNE).open();
    await a.sendOk('unit', 'WITHDRAW', 'withdrawn');
    expect((await a.get()).allowedEvents).toEqual([]);

    const b = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'district_review',
    );
    await b.sendOk('district', 'REJECT', 'rejected', {
      reason: 'Để xảy ra vụ việc phức tạp về ANTT trong năm',
    });
  });

  it('lists dossiers with filters and accent-insensitive search in the jurisdiction', async () => {
    await new DossierFlow(t, COMMUNE).open();
    await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    await new DossierFlow(t, PROVINCE_SCHOOL).open();
    const province = await t.as('bcd138');
    const all = (await province.get('/api/dossiers').expect(200)).body;
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    const found = (await province.get('/api/dossiers').query({ q: 'thuong nong' }).expect(200)).body;
    expect(found.items.map((d: { unit: { name: string } }) => d.unit.name)).toEqual(['Xã Thượng Nông']);
    const schools = (await province.get('/api/dossiers').query({ unitType: 'school' }).expect(200)).body;
    expect(schools.total).toBe(1);
    const paged = (await province.get('/api/dossiers').query({ pageSize: 2, page: 2 }).expect(200)).body;
    expect(paged.items).toHaveLength(1);
    const district = (await (await t.as('nahang')).get('/api/dossiers').expect(200)).body;
    expect(district.total).toBe(1);
  });
});
