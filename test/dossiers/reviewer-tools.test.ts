import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../entities';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { binary } from '../helpers/http';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from '../web/page-session';

let t: TestApp;
let ready: DossierFlow; // Thượng Nông: district scores given, may be forwarded
let unscored: DossierFlow; // Thị trấn Na Hang: submitted, not yet scored by the district
let elsewhere: DossierFlow; // Linh Phú (Chiêm Hóa): another district
const start = new Date();
beforeAll(async () => {
  t = await createTestApp({ now: start });
  ready = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
  await ready.review('district');
  unscored = await new DossierFlow(t, { unit: 'ttnahang', district: 'nahang' }).advanceTo('district_review');
  elsewhere = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
    'district_review',
  );
});
afterAll(async () => {
  await t.close();
});

const summary = async (who: string) =>
  (await (await t.as(who)).get('/api/dossiers/summary').expect(200)).body;

describe('the home page’s counts', () => {
  it('count per state, waiting, due soon and overdue over the user’s jurisdiction only', async () => {
    const district = await summary('nahang');
    expect(district.byState).toEqual([{ state: 'district_review', label: 'Cấp huyện thẩm tra', count: 2 }]);
    expect(district).toMatchObject({ total: 2, waiting: 2, overdue: 0 });
    expect((await summary('bcd138')).total).toBe(3);
    expect((await summary('thuongnong')).total).toBe(1);
    expect((await (await t.as('nahang')).get('/api/dossiers/summary?year=abc')).status).toBe(400);

    // Two days before the due date: due soon; a day after it: overdue, and the list's filter agrees.
    const due = Date.parse(String((await ready.get()).dueAt));
    t.setNow(new Date(due - 2 * 24 * 3600_000));
    expect((await summary('nahang')).dueSoon).toBe(2);
    t.setNow(new Date(due + 24 * 3600_000));
    expect((await summary('nahang')).overdue).toBe(2);
    const overdue = (await (await t.as('nahang')).get('/api/dossiers?due=overdue').expect(200)).body;
    expect(overdue.items.map((d: { id: string }) => d.id).sort()).toEqual([ready.id, unscored.id].sort());
    const home = await (await t.as('nahang')).get('/').expect(200);
    expect(home.text).toContain('Tổng quan hồ sơ');
    expect(home.text).toMatch(/<strong>2<\/strong> <span>quá hạn<\/span>/);
    t.setNow(start);
  });
});

describe('export of the list to Excel', () => {
  it('holds the filtered list of the user’s jurisdiction, with the filters written above it', async () => {
    const res = await binary((await t.as('bcd138')).get('/api/dossiers/export.xlsx?state=district_review'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.body as Buffer).buffer as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet.getRow(2).getCell(1).value)).toContain('Trạng thái: Cấp huyện thẩm tra');
    expect(sheet.getRow(4).getCell(1).value).toBe('Mã hồ sơ');
    const codes = [];
    for (let r = 5; r <= sheet.rowCount; r++) codes.push(String(sheet.getRow(r).getCell(1).value));
    const expected = await Promise.all([ready, unscored, elsewhere].map(async (f) => (await f.get()).code));
    expect(codes.sort()).toEqual(expected.sort());

    const own = await binary((await t.as('nahang')).get('/api/dossiers/export.xlsx'));
    expect(own.headers['x-rows']).toBe('2');
    expect((await (await t.as('nahang')).get('/api/dossiers/export.xlsx?state=nope')).status).toBe(400);
    expect((await request(t.app).get('/api/dossiers/export.xlsx')).status).toBe(401);
    const list = await (await t.as('nahang')).get('/dossiers?due=soon').expect(200);
    expect(list.text).toContain('/api/dossiers/export.xlsx?due=soon');
  });
});

describe('forwarding several dossiers at once', () => {
  it('checks each as if sent alone: one result per dossier, refusals change nothing', async () => {
    const district = await t.as('nahang');
    const items = async (...flows: DossierFlow[]) =>
      Promise.all(flows.map(async (f) => ({ id: f.id, version: (await f.get('district')).version })));
    const before = await unscored.get('district');
    const res = await district
      .post('/api/dossiers/bulk-events')
      .send({
        type: 'FORWARD',
        items: [
          ...(await items(ready, unscored)),
          { id: elsewhere.id, version: 1 },
          { id: 'no-such-dossier', version: 1 },
        ],
      })
      .expect(200);
    expect(res.body.done).toBe(1);
    const byId = new Map(res.body.results.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(ready.id)).toMatchObject({ ok: true, state: 'provincial_appraisal' });
    expect(byId.get(unscored.id)).toMatchObject({ ok: false, status: 422 });
    expect([403, 404]).toContain((byId.get(elsewhere.id) as { status: number }).status);
    expect(byId.get('no-such-dossier')).toMatchObject({ ok: false, status: 404 });
    const after = await unscored.get('district');
    expect({ state: after.state, version: after.version }).toEqual({
      state: before.state,
      version: before.version,
    });
    const forwards = await t.ds.getRepository(AuditEvent).findBy({ type: 'FORWARD' });
    expect(forwards.map((e) => e.dossierId)).toEqual([ready.id]);

    // A stale version is that dossier's 409; the wrong role gets 403 for each; bad bodies are 400.
    const stale = await district
      .post('/api/dossiers/bulk-events')
      .send({ type: 'FORWARD', items: [{ id: unscored.id, version: 1 }] })
      .expect(200);
    expect(stale.body.results[0]).toMatchObject({ ok: false, status: 409 });
    const unit = await (
      await t.as('ttnahang')
    )
      .post('/api/dossiers/bulk-events')
      .send({ type: 'FORWARD', items: await items(unscored) })
      .expect(200);
    expect(unit.body.results[0]).toMatchObject({ ok: false, status: 403 });
    for (const body of [
      { type: 'FORWARD', items: [] },
      { type: 'REJECT', items: await items(unscored) },
      { type: 'FORWARD', items: [...(await items(unscored)), ...(await items(unscored))] },
    ]) {
      const bad = await district.post('/api/dossiers/bulk-events').send(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('is a form on the reviewer’s inbox, reporting what was done and what was not', async () => {
    await unscored.review('district');
    const agent = request.agent(t.app);
    await pageLogin(agent, 'nahang');
    const inbox = await agent.get('/').expect(200);
    expect(inbox.text).toContain('Chuyển cấp tỉnh thẩm định các hồ sơ đã chọn');
    const version = (await unscored.get('district')).version;
    const res = await postForm(agent, '/dossiers/bulk', {
      type: 'FORWARD',
      item: [`${unscored.id}:${version}`],
    });
    expect(res.status).toBe(303);
    expect((await agent.get('/').expect(200)).text).toContain('Chuyển cấp tỉnh thẩm định: 1/1 hồ sơ.');
    expect((await unscored.get('district')).state).toBe('provincial_appraisal');
    const none = await postForm(agent, '/dossiers/bulk', { type: 'FORWARD' });
    expect(none.status).toBe(303);
    const refused = (await agent.get('/').expect(200)).text;
    expect(refused.match(/class="flash[^"]*"[^>]*>([^<]*)/)?.[1]).toContain('Chọn ít nhất một hồ sơ');
    // The province's inbox offers its own step (PASS); the unit's none.
    const province = request.agent(t.app);
    await pageLogin(province, 'bcd138');
    expect((await province.get('/').expect(200)).text).toContain('Đề nghị công nhận các hồ sơ đã chọn');
    const unitPage = request.agent(t.app);
    await pageLogin(unitPage, 'thuongnong');
    expect((await unitPage.get('/').expect(200)).text).not.toContain('các hồ sơ đã chọn');
  });
});
