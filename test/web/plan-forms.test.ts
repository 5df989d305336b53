import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Plan, Unit } from '../../entities';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from './page-session';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = request.agent(t.app);
  await pageLogin(admin, 'admin');
});
afterAll(async () => {
  await t.close();
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const apiPlan = async (id: string) => (await (await t.as('admin')).get(`/api/plans/${id}`).expect(200)).body;

describe('plans without JSON', () => {
  let planPath = '';

  it('creates a plan from its title, reference and years; a bad period is said beside the field', async () => {
    const form = await admin.get('/plans/new').expect(200);
    expect(form.text).not.toContain('JSON');
    await postForm(admin, '/plans/new', {
      title: 'Kế hoạch 2028–2029',
      reference: '88/KH-UBND',
      startYear: '2029',
      endYear: '2028',
      submissionDeadline: '10-31',
    });
    const refused = await admin.get('/plans/new');
    expect(refused.text).toMatch(/id="f-endYear"[^>]*aria-invalid="true"/);
    expect(refused.text).toMatch(/id="f-reference"[^>]*value="88\/KH-UBND"/);
    const created = await postForm(admin, '/plans/new', {
      title: 'Kế hoạch 2028–2029',
      reference: '88/KH-UBND',
      startYear: '2028',
      endYear: '2029',
      submissionDeadline: '10-31',
    });
    expect(created.status).toBe(303);
    planPath = created.headers.location ?? '';
    const plan = await apiPlan(planPath.split('/').pop() ?? '');
    expect(
      plan.years.map((y: { year: number; submissionDeadline: string }) => [y.year, y.submissionDeadline]),
    ).toEqual([
      [2028, '2028-10-31'],
      [2029, '2029-10-31'],
    ]);
  });

  it('sets a year’s targets with labelled choices and names units by name; a bad target changes nothing', async () => {
    const page = await admin.get(`${planPath}/years/2028`).expect(200);
    expect(text(page.text)).toContain('Nông thôn mới nâng cao (về đích năm 2028)');
    expect(text(page.text)).not.toMatch(/tagsAny|ntm_nang_cao/);
    const huyen = await t.ds.query(`SELECT id FROM districts WHERE code = 'NH'`);
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? '';
    const target = {
      version,
      count: '1',
      t0_label: '50% số xã nông thôn mới nâng cao đạt điển hình',
      t0_unitTypes: ['commune'],
      t0_tagsAny: ['ntm_nang_cao'],
      t0_districtIds: [huyen[0].id as string],
      t0_managedBy: 'district',
      t0_measure: 'percent',
      t0_value: '150',
      t0_breakdown: 'district',
      t0_cumulative: '1',
      addUnit: 'thuong nong',
    };
    await postForm(admin, `${planPath}/years/2028`, target);
    const refused = await admin.get(`${planPath}/years/2028`);
    expect(refused.text).toMatch(/id="f-t0_value"[^>]*aria-invalid="true"/);
    expect(text(refused.text)).toContain('Tỷ lệ phần trăm tối đa là 100.');
    expect(refused.text).toMatch(/id="f-t0_label"[^>]*value="50% số xã/);
    expect(refused.text).toMatch(/value="ntm_nang_cao" checked/);
    const id = planPath.split('/').pop() ?? '';
    expect((await apiPlan(id)).years[0].targets).toEqual([]);

    await postForm(admin, `${planPath}/years/2028`, { ...target, t0_value: '50' }).then((r) =>
      expect(r.status).toBe(303),
    );
    const saved = (await apiPlan(id)).years[0];
    expect(saved.targets).toMatchObject([
      {
        label: target.t0_label,
        unitTypes: ['commune'],
        tagsAny: ['ntm_nang_cao'],
        measure: 'percent',
        value: 50,
        breakdown: 'district',
        cumulative: true,
        managedBy: 'district',
      },
    ]);
    const thuongNong = await t.ds.getRepository(Unit).findOneByOrFail({ code: 'NH-THUONGNONG' });
    expect(saved.namedUnits.map((u: { unitId: string }) => u.unitId)).toEqual([thuongNong.id]);
    const view = text((await admin.get(planPath)).text);
    expect(view).toContain('Nông thôn mới nâng cao');
    expect(view).toContain('Xã Thượng Nông');

    // A vague unit name is said beside its field; unticking a named unit and ticking "remove" drop them.
    const again = await admin.get(`${planPath}/years/2028`);
    const v2 = /name="version" value="(\d+)"/.exec(again.text)?.[1] ?? '';
    await postForm(admin, `${planPath}/years/2028`, {
      version: v2,
      count: '2',
      t0_label: target.t0_label,
      t0_unitTypes: ['commune'],
      t0_measure: 'percent',
      t0_value: '50',
      t0_breakdown: 'district',
      keepUnits: [thuongNong.id],
      addUnit: 'yen',
    });
    expect((await admin.get(`${planPath}/years/2028`)).text).toMatch(
      /id="f-addUnit"[^>]*aria-invalid="true"/,
    );
    await postForm(admin, `${planPath}/years/2028`, {
      version: v2,
      count: '2',
      t0_label: target.t0_label,
      t0_remove: '1',
      t0_unitTypes: ['commune'],
      t0_measure: 'percent',
      t0_value: '50',
      t0_breakdown: 'district',
    });
    const emptied = (await apiPlan(id)).years[0];
    expect([emptied.targets, emptied.namedUnits]).toEqual([[], []]);
  });

  it('lengthens and shortens the period on the plan’s form, keeping the years it keeps', async () => {
    const id = planPath.split('/').pop() ?? '';
    const edit = await admin.get(`${planPath}/edit`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(edit.text)?.[1] ?? '';
    expect(edit.text).toMatch(/id="f-endYear"[^>]*value="2029"/);
    const base = { version, title: 'Kế hoạch 2028–2030', reference: '88/KH-UBND', startYear: '2028' };
    await postForm(admin, `${planPath}/edit`, { ...base, endYear: '2040' });
    expect((await admin.get(`${planPath}/edit`)).text).toMatch(/id="f-endYear"[^>]*aria-invalid="true"/);
    await postForm(admin, `${planPath}/edit`, { ...base, endYear: '2030' }).then((r) =>
      expect(r.status).toBe(303),
    );
    const longer = await apiPlan(id);
    expect(
      longer.years.map((y: { year: number; submissionDeadline: string }) => [y.year, y.submissionDeadline]),
    ).toEqual([
      [2028, '2028-10-31'],
      [2029, '2029-10-31'],
      [2030, '2030-10-31'],
    ]);
    await postForm(admin, `${planPath}/edit`, {
      ...base,
      version: String(longer.version),
      startYear: '2029',
      endYear: '2030',
    });
    expect((await apiPlan(id)).years.map((y: { year: number }) => y.year)).toEqual([2029, 2030]);
  });

  it('edits the title and reference; only the admin reaches the forms', async () => {
    const reviewer = request.agent(t.app);
    await pageLogin(reviewer, 'nahang');
    for (const path of ['/plans/new', `${planPath}/edit`, `${planPath}/years/2028`]) {
      expect((await reviewer.get(path)).status, path).toBe(403);
    }
    expect((await postForm(reviewer, `${planPath}/years/2028`, { count: '0' })).status).toBe(403);
    expect(await t.ds.getRepository(Plan).countBy({ title: 'Kế hoạch 2028–2030' })).toBe(1);
  });
});
