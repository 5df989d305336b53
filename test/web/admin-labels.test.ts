import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent, Holiday } from '../../entities';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from './page-session';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-09-10T02:00:00Z') });
  admin = request.agent(t.app);
  await pageLogin(admin, 'admin');
});
afterAll(async () => {
  await t.close();
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('holidays without JSON', () => {
  it('lists, adds and removes holidays on a page, saying what an added one does to deadlines', async () => {
    await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    const page = await admin.get('/admin/holidays').expect(200);
    const before = await t.ds.getRepository(Holiday).count();
    expect(text(page.text)).toContain('02/09/2026 — Quốc khánh');
    expect(page.text).toMatch(/id="f-date"[^>]*type="date"/);

    await postForm(admin, '/admin/holidays', { date: '2026-09-14', name: 'Nghỉ bù Quốc khánh' }).then((r) =>
      expect(r.status).toBe(303),
    );
    const added = text((await admin.get('/admin/holidays')).text);
    expect(added).toContain('Đã thêm ngày nghỉ 14/09/2026 (Nghỉ bù Quốc khánh). 1 hồ sơ đang xử lý có hạn');
    expect(added).toContain('14/09/2026 — Nghỉ bù Quốc khánh');
    expect(await t.ds.getRepository(Holiday).existsBy({ date: '2026-09-14' })).toBe(true);

    // A date already there, a fixed holiday, a bad date: said beside the field, what was typed kept.
    for (const [date, message] of [
      ['2026-09-14', 'đã có trong danh sách'],
      ['2026-09-02', 'ngày lễ cố định'],
      ['2026-02-30', 'Ngày'],
    ]) {
      await postForm(admin, '/admin/holidays', { date, name: 'Thử' });
      const refused = await admin.get('/admin/holidays');
      expect(refused.text, date).toMatch(/id="f-date"[^>]*aria-invalid="true"/);
      expect(text(refused.text), date).toContain(message);
      expect(refused.text).toMatch(/id="f-name"[^>]*value="Thử"/);
    }
    await postForm(admin, '/admin/holidays/2026-09-14/remove', {}).then((r) => expect(r.status).toBe(303));
    expect(await t.ds.getRepository(Holiday).count()).toBe(before);
    expect((await postForm(admin, '/admin/holidays/2026-09-15/remove', {})).status).toBe(404);
    // Only the admin.
    const reviewer = request.agent(t.app);
    await pageLogin(reviewer, 'nahang');
    expect((await reviewer.get('/admin/holidays')).status).toBe(403);
    const actions = (await t.ds.getRepository(AdminEvent).find({ order: { at: 'ASC' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['holiday.added', 'holiday.removed']);
  });
});

describe('labels, not codes, where a person reads', () => {
  it('names audit actions, unit tags and plan targets in Vietnamese', async () => {
    const audit = text((await admin.get('/admin/audit')).text);
    expect(audit).toContain('Thêm ngày nghỉ');
    expect(audit).toContain('Bỏ ngày nghỉ');
    expect(audit).not.toMatch(/holiday\.(added|removed)/);
    const units = text((await admin.get('/admin/units?q=thuong nong')).text);
    expect(units).toContain('Nông thôn mới nâng cao');
    expect(units).not.toMatch(/ntm_nang_cao(?!_|\s*\()/);
    const plans = await admin.get('/plans').expect(200);
    const links = [...plans.text.matchAll(/href="(\/plans\/[0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    let plan = '';
    for (const link of new Set(links)) plan += text((await admin.get(link)).text);
    expect(plan).toContain('Nông thôn mới nâng cao');
    expect(plan).not.toContain('duong_van_minh');
  });
});
