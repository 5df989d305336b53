import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { pageLogin, postForm } from './page-session';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const page = async (who: string, path: string) => (await (await t.as(who)).get(path).expect(200)).text;
const before = (text: string, a: string, b: string) => {
  expect(text).toContain(a);
  expect(text.indexOf(a)).toBeLessThan(text.indexOf(b));
};

describe('a dossier that speaks', () => {
  it('tells the unit where its dossier is, that it was returned and why, at the top, and names people', async () => {
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    const code = String((await flow.get()).code);
    let home = await page('thuongnong', '/');
    expect(home).toContain('Hồ sơ của đơn vị');
    expect(home).toContain(code);
    expect(home).toMatch(/Đang chờ [^<]+ xử lý/);

    const criterion = flow.items[0].code;
    await flow.sendOk('district', 'RETURN', 'self_assessment', {
      reason: 'Thiếu biên bản họp dân',
      criteria: [{ code: criterion, note: 'Bổ sung biên bản có chữ ký' }],
    });
    home = await page('thuongnong', '/');
    expect(home).toContain('Đến lượt đơn vị');
    const dossier = await page('thuongnong', `/dossiers/${flow.id}`);
    before(dossier, 'Hồ sơ bị trả lại', 'Thông tin hồ sơ');
    expect(dossier).toContain('Thiếu biên bản họp dân');
    expect(dossier).toContain('Bổ sung biên bản có chữ ký');
    // The history names the person and the office, and the file and criterion of each evidence step.
    expect(dossier).toContain('Cán bộ Xã Thượng Nông (');
    expect(dossier).toContain(`Tệp “minh-chung-${criterion}.pdf” — tiêu chí ${criterion}`);
    const history = (await (await t.as('nahang')).get(`/api/dossiers/${flow.id}/history`).expect(200)).body;
    const ret = history.find((e: { type: string }) => e.type === 'RETURN');
    expect(ret.actor).toMatchObject({ username: 'nahang', displayName: 'Ban Chỉ đạo 138 Huyện Na Hang' });
    expect(ret.actor.roleLabel).toBeTruthy();
  });

  it('shows the reviewer what changed since the return: scores and notes side by side, files added and removed', async () => {
    const flow = await new DossierFlow(t, { unit: 'yenlam', district: 'hamyen' }).advanceTo(
      'district_review',
    );
    const unit = await t.as('yenlam');
    const evidenced = flow.items.filter((i) => i.evidenceRequired);
    const [a, b] = [evidenced[0], flow.items.find((i) => !i.mandatory) ?? flow.items[1]];
    const old = ((await flow.get()).attachments as { id: string; criterionCode: string }[]).find(
      (x) => x.criterionCode === a.code,
    );
    await flow.sendOk('district', 'RETURN', 'self_assessment', { reason: 'Minh chứng chưa rõ' });
    await unit
      .put(`/api/dossiers/${flow.id}/self-assessment`)
      .send({ scores: [{ criterionCode: b.code, points: b.maxPoints - 1, note: 'Tự chấm lại' }] })
      .expect(200);
    await unit
      .post(`/api/dossiers/${flow.id}/attachments`)
      .field('criterionCode', a.code)
      .attach('file', PDF_BYTES, { filename: 'bien-ban-moi.pdf', contentType: 'application/pdf' })
      .expect(201);
    await unit.delete(`/api/dossiers/${flow.id}/attachments/${old?.id}`).expect(204);
    await flow.sendOk('unit', 'SUBMIT', 'district_review');

    const changes = (
      await (await t.as('hamyen')).get(`/api/dossiers/${flow.id}/changes-since-return`).expect(200)
    ).body.changes;
    expect(changes.reason).toBe('Minh chứng chưa rõ');
    expect(changes.scores).toEqual([
      {
        code: b.code,
        before: { code: b.code, points: b.maxPoints, note: 'Đạt' },
        after: { code: b.code, points: b.maxPoints - 1, note: 'Tự chấm lại' },
      },
    ]);
    expect(changes.added.map((f: { fileName: string }) => f.fileName)).toEqual(['bien-ban-moi.pdf']);
    expect(changes.removed.map((f: { id: string }) => f.id)).toEqual([old?.id]);
    const reviewer = await page('hamyen', `/dossiers/${flow.id}`);
    before(reviewer, 'Thay đổi kể từ khi trả lại', 'Thông tin hồ sơ');
    expect(reviewer).toContain('Minh chứng bổ sung: “bien-ban-moi.pdf”');
    expect(reviewer).toContain('Tự chấm lại');
    // Never returned: nothing to compare; another district's reviewer cannot ask.
    const fresh = await new DossierFlow(t, { unit: 'tanthanh', district: 'hamyen' }).advanceTo(
      'district_review',
    );
    expect(
      (await (await t.as('hamyen')).get(`/api/dossiers/${fresh.id}/changes-since-return`)).body.changes,
    ).toBeNull();
    expect([403, 404]).toContain(
      (await (await t.as('nahang')).get(`/api/dossiers/${flow.id}/changes-since-return`)).status,
    );
  });

  it('lets the reviewer write a note per criterion when returning on the page', async () => {
    const flow = await new DossierFlow(t, { unit: 'minhhuong', district: 'hamyen' }).advanceTo(
      'district_review',
    );
    const agent = request.agent(t.app);
    await pageLogin(agent, 'hamyen');
    const [x, y] = flow.items;
    const res = await postForm(agent, `/dossiers/${flow.id}/events`, {
      type: 'RETURN',
      version: String((await flow.get('district')).version),
      reason: 'Bổ sung hồ sơ',
      criteria: [x.code, y.code],
      [`critnote_${x.code}`]: 'Thiếu nghị quyết chuyên đề',
      [`critnote_${y.code}`]: '',
    });
    expect(res.status).toBe(303);
    const d = await flow.get();
    expect(d.state).toBe('self_assessment');
    expect((d.returnRequest as { criteria: unknown[] }).criteria).toEqual([
      { code: x.code, note: 'Thiếu nghị quyết chuyên đề' },
      { code: y.code },
    ]);
    expect(await page('minhhuong', `/dossiers/${flow.id}`)).toContain('Thiếu nghị quyết chuyên đề');
  });

  it('puts a rejection and its reason at the top of the page', async () => {
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'district_review',
    );
    await flow.sendOk('district', 'REJECT', 'rejected', { reason: 'Địa bàn còn xảy ra vụ việc phức tạp' });
    const dossier = await page('linhphu', `/dossiers/${flow.id}`);
    before(dossier, 'Hồ sơ không được chấp nhận', 'Thông tin hồ sơ');
    expect(dossier).toContain('Địa bàn còn xảy ra vụ việc phức tạp');
    expect(await page('linhphu', '/')).toContain('Đã kết thúc');
  });
});
