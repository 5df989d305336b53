import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T02:00:00Z') });
});
afterAll(async () => {
  await t.close();
});

interface TargetView {
  label: string;
  unitTypes: string[];
  tagsAny: string[];
  districtIds: string[];
  measure: string;
  value: number;
  breakdown: string;
  cumulative: boolean;
}
interface PlanView {
  id: string;
  version: number;
  title: string;
  startYear: number;
  endYear: number;
  years: {
    year: number;
    submissionDeadline: string;
    sixMonthReportDeadline: string | null;
    annualReportDeadline: string | null;
    targets: TargetView[];
    namedUnits: { name: string }[];
  }[];
}

const newPlan = (year: number, extra: Record<string, unknown> = {}) => ({
  title: `Kế hoạch thử năm ${year}`,
  startYear: year,
  endYear: year,
  years: [
    {
      year,
      submissionDeadline: `${year}-08-31`,
      targets: [{ label: '30% số phường', unitTypes: ['ward'], measure: 'percent', value: 30 }],
    },
  ],
  ...extra,
});

describe('the seed-003 plan in the demo data', () => {
  it('holds 2023–2025 with the deadlines, targets and named communes of seed 003', async () => {
    const res = await (await t.as('bcd138')).get('/api/plans?year=2024').expect(200);
    expect(res.body.items).toHaveLength(1);
    const plan = res.body.items[0] as PlanView;
    expect(plan.title).toContain('giai đoạn 2023 - 2025');
    expect(plan.years.map((y) => y.year)).toEqual([2023, 2024, 2025]);
    const [y2023, y2024, y2025] = plan.years;
    expect(y2023.namedUnits.map((u) => u.name)).toEqual([
      'Xã Thượng Nông',
      'Xã Linh Phú',
      'Xã Tri Phú',
      'Xã Trung Minh',
      'Xã Hùng Lợi',
      'Xã Minh Hương',
      'Xã Yên Lâm',
      'Xã Yên Phú',
      'Xã Tân Thành',
      'Xã Đông Thọ',
    ]);
    expect(y2023.targets.map((x) => [x.measure, x.value, x.breakdown])).toEqual([
      ['count', 1, 'district'],
      ['count', 1, 'block'],
    ]);
    expect(y2023.targets[0].districtIds).toHaveLength(4);
    expect(y2024.targets.map((x) => x.label)).toEqual([
      '100% các xã về đích nông thôn mới năm 2024',
      '100% các xã về đích xã nông thôn mới nâng cao năm 2024',
      '01 phường trên địa bàn thành phố Tuyên Quang',
      '01 thị trấn',
      'Mỗi khối cơ quan, doanh nghiệp, cơ sở giáo dục thuộc cấp tỉnh quản lý có từ 02 đơn vị trở lên đạt tiêu chí điển hình',
    ]);
    const by2025 = y2025.targets.filter((x) => x.cumulative);
    expect(by2025.map((x) => [x.unitTypes.join('+'), x.value])).toEqual([
      ['commune', 40],
      ['commune', 100],
      ['ward', 30],
      ['town', 50],
      ['agency+enterprise+school', 15],
    ]);
    expect(y2025.sixMonthReportDeadline).toBe('2025-06-10');
    expect(y2025.annualReportDeadline).toBe('2025-11-10');
  });
});

describe('plans API', () => {
  it('lets only the admin create and edit plans; others may read their province', async () => {
    for (const who of ['bcd138', 'noivu', 'nahang', 'thuongnong']) {
      const res = await (await t.as(who)).post('/api/plans').send(newPlan(2030));
      expect(res.status, who).toBe(403);
    }
    expect((await (await t.as('thuongnong')).get('/api/plans').expect(200)).body.items.length).toBe(2);
  });

  it('creates a plan, refuses a second plan for the same year, and edits with a version check', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/plans').send(newPlan(2030)).expect(201);
    expect(created.body.years[0].targets[0]).toMatchObject({
      measure: 'percent',
      value: 30,
      breakdown: 'province',
    });
    const clash = await admin.post('/api/plans').send(newPlan(2030)).expect(409);
    expect(clash.body.error.code).toBe('plan_year_taken');
    const edit = {
      ...newPlan(2030, { title: 'Kế hoạch năm 2030 (sửa đổi)' }),
      version: created.body.version,
    };
    const edited = await admin.put(`/api/plans/${created.body.id}`).send(edit).expect(200);
    expect(edited.body).toMatchObject({ title: 'Kế hoạch năm 2030 (sửa đổi)', version: 2 });
    const stale = await admin.put(`/api/plans/${created.body.id}`).send(edit).expect(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await admin.get(`/api/plans/${created.body.id}`).expect(200)).body.title).toBe(
      'Kế hoạch năm 2030 (sửa đổi)',
    );
  });

  it('answers field-level errors for broken rules and changes nothing', async () => {
    const admin = await t.as('admin');
    const bad = newPlan(2031, {
      endYear: 2030,
      years: [
        {
          year: 2031,
          registrationDeadline: '2031-09-01',
          submissionDeadline: '2031-08-31',
          targets: [
            { label: 'x', unitTypes: ['ward'], measure: 'percent', value: 30, districtIds: ['khong-co'] },
          ],
          namedUnitIds: ['khong-co'],
        },
      ],
    });
    const res = await admin.post('/api/plans').send(bad).expect(422);
    const fields = (res.body.error.details.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'endYear',
        'years.0.submissionDeadline',
        'years.0.targets.0.districtIds.0',
        'years.0.namedUnitIds.0',
      ]),
    );
    const shape = await admin
      .post('/api/plans')
      .send(
        newPlan(2032, {
          years: [
            {
              year: 2032,
              submissionDeadline: '2032-02-30',
              targets: [{ label: 'x', unitTypes: ['ward'], measure: 'percent', value: 130 }],
            },
          ],
        }),
      )
      .expect(400);
    expect(shape.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['years.0.submissionDeadline', 'years.0.targets.0.value']),
    );
    const list = await admin.get('/api/plans?year=2031').expect(200);
    expect(list.body.items).toHaveLength(0);
  });

  it('moving the submission deadline later extends open dossiers (audited); shortening it is refused while they wait', async () => {
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('self_assessment');
    const admin = await t.as('admin');
    const plan = ((await admin.get('/api/plans?year=2026').expect(200)).body.items as PlanView[])[0];
    const year = plan.years[0];
    const body = (submissionDeadline: string, version: number, later: Record<string, string> = {}) => ({
      title: plan.title,
      startYear: plan.startYear,
      endYear: plan.endYear,
      version,
      years: [
        {
          ...year,
          id: undefined,
          namedUnits: undefined,
          submissionDeadline,
          ...later,
          targets: [],
          namedUnitIds: [],
        },
      ],
    });
    const strip = (b: ReturnType<typeof body>) => ({
      ...b,
      years: b.years.map(({ id: _i, namedUnits: _n, ...y }) => y),
    });
    const shorter = await admin
      .put(`/api/plans/${plan.id}`)
      .send(strip(body('2026-12-28', plan.version)))
      .expect(409);
    expect(shorter.body.error.code).toBe('deadline_shortened');
    const ok = await admin.put(`/api/plans/${plan.id}`).send(
      strip(
        body('2027-03-31', plan.version, {
          districtReviewDeadline: '2027-04-30',
          appraisalDeadline: '2027-05-31',
        }),
      ),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const dossier = await flow.get();
    expect(dossier.submissionDeadline).toBe('2027-03-31T16:59:59.999Z');
    const history = (await (await t.as('thuongnong')).get(`/api/dossiers/${flow.id}/history`).expect(200))
      .body;
    const last = (history as { type: string; reason: string }[]).at(-1);
    expect(last).toMatchObject({ type: 'EXTEND_DEADLINE', from: 'self_assessment', to: 'self_assessment' });
    expect(last?.reason).toContain('Điều chỉnh hạn nộp hồ sơ');
  });
});
