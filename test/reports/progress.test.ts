import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDecision } from '../helpers/decisions';
import { Dossier, Unit } from '../../entities';
import { newId } from '../../src/db/ids';
import { COMMUNE, DossierFlow, PROVINCE_SCHOOL } from '../helpers/dossier-flow';
import { pdfFonts, pdfText } from '../helpers/pdf';
import { binary } from '../helpers/http';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const MONDAY = new Date('2026-11-23T02:00:00Z');

interface Row {
  districtName: string;
  unitType: string;
  units: number;
  registered: number;
  submitted: number;
  recognized: number;
  target: number | null;
  percentReached: number | null;
  gap: number | null;
}
interface Target {
  label: string;
  eligible: number;
  required: number;
  achieved: number;
  gap: number;
  met: boolean;
  verdict: string;
  groups: { name: string; required: number; achieved: number }[];
}

/** A dossier of an earlier year, as the decisions of that year left it (history before this system). */
let pastSeq = 0;
async function pastDossier(code: string, year: number, state: 'recognized' | 'revoked'): Promise<void> {
  const unit = await t.ds.manager.findOneByOrFail(Unit, { code });
  const any = await t.ds.manager.findOneOrFail(Dossier, { where: {} });
  const at = `${year}-10-20T03:00:00.000Z`;
  await t.ds.manager.insert(Dossier, {
    ...any,
    id: newId(),
    code: `TQ-${year}-9${String((pastSeq += 1)).padStart(5, '0')}`, // apart from the codes the service gives
    unitId: unit.id,
    districtId: unit.districtId,
    unitType: unit.type,
    year,
    state,
    version: 9,
    planYearId: null,
    snapshot: {
      value: state,
      context: { managedBy: unit.managedBy, submissionDeadline: null, returnRequest: null },
    },
    stageEnteredAt: at,
    dueAt: null,
    submittedAt: at,
    createdAt: at,
    updatedAt: at,
  });
}

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  // The year's fixture: three recognized (two named communes and a provincial school), one under district
  // review, one preparing, one withdrawn.
  const recognized = [
    await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision'),
    await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo('awaiting_decision'),
    await new DossierFlow(t, PROVINCE_SCHOOL).advanceTo('awaiting_decision'),
  ];
  await issueDecision(t, { kind: 'recognition', dossierIds: recognized.map((f) => f.id) });
  await new DossierFlow(t, { unit: 'triphu', district: 'chiemhoa' }).advanceTo('district_review');
  await new DossierFlow(t, { unit: 'trungminh', district: 'yenson' }).advanceTo('self_assessment');
  const withdrawn = await new DossierFlow(t, { unit: 'hungloi', district: 'yenson' }).open();
  await withdrawn.sendOk('unit', 'WITHDRAW', 'withdrawn');
  // Earlier years of the seed-003 plan: two wards recognized, one recognition later revoked.
  await pastDossier('TP-PHANTHIET', 2024, 'recognized');
  await pastDossier('TP-MINHXUAN', 2025, 'recognized');
  await pastDossier('TP-TANQUANG', 2025, 'revoked');
});
afterAll(async () => {
  await t.close();
});

const report = async (who: string, query: string) =>
  (await (await t.as(who)).get(`/api/reports/progress?${query}`).expect(200)).body;
const row = (rows: Row[], district: string, type: string) =>
  rows.find((r) => r.districtName === district && r.unitType === type);

describe('progress report against the current plan (hand-computed from the demo data)', () => {
  it('counts units, registrations, submissions and recognitions per district and unit type, with targets', async () => {
    const r = await report('bcd138', 'year=2026');
    expect(r.totals).toEqual({
      units: 35,
      registered: 5,
      submitted: 4,
      recognized: 3,
      target: 23,
      targetAchieved: 3,
      gap: 20,
    });
    const rows = r.rows as Row[];
    // Na Hang communes: Thượng Nông (named, recognized) + 1 advanced new-rural commune to build.
    expect(row(rows, 'Huyện Na Hang', 'commune')).toEqual(
      expect.objectContaining({
        units: 2,
        registered: 1,
        submitted: 1,
        recognized: 1,
        target: 2,
        percentReached: 50,
        gap: 1,
      }),
    );
    // Chiêm Hóa: Linh Phú recognized, Tri Phú under review; both named.
    expect(row(rows, 'Huyện Chiêm Hóa', 'commune')).toEqual(
      expect.objectContaining({
        units: 3,
        registered: 2,
        submitted: 2,
        recognized: 1,
        target: 2,
        percentReached: 50,
        gap: 1,
      }),
    );
    // Yên Sơn: Trung Minh preparing, Hùng Lợi withdrawn (not counted); two named + Thắng Quân.
    expect(row(rows, 'Huyện Yên Sơn', 'commune')).toEqual(
      expect.objectContaining({
        units: 3,
        registered: 1,
        submitted: 0,
        recognized: 0,
        target: 3,
        percentReached: 0,
        gap: 3,
      }),
    );
    // 30 % of the city's 5 wards is 2.
    expect(row(rows, 'Thành phố Tuyên Quang', 'ward')).toEqual(
      expect.objectContaining({ units: 5, target: 2, gap: 2 }),
    );
    // Province-managed schools: THPT Chuyên recognized of the 2 the block needs.
    expect(row(rows, 'Cấp tỉnh quản lý', 'school')).toEqual(
      expect.objectContaining({
        units: 2,
        registered: 1,
        submitted: 1,
        recognized: 1,
        target: 2,
        percentReached: 50,
        gap: 1,
      }),
    );
    // 50 % of the province's 5 towns is a province-wide target: 3 in the targets section, never shared
    // out among districts of one town each (the plan sets no district its share).
    expect(rows.filter((x) => x.unitType === 'town').every((x) => x.target === null)).toBe(true);
    expect((r.targets as Target[]).find((x) => x.label === '50% số thị trấn')).toMatchObject({
      required: 3,
      verdict: 'Chưa đạt',
    });
  });

  it('evaluates each target of the plan, block by block and district by district, and the named units', async () => {
    const r = await report('bcd138', 'year=2026');
    const targets = r.targets as Target[];
    expect(targets.map((x) => [x.eligible, x.required, x.achieved, x.gap, x.met])).toEqual([
      [5, 5, 0, 5, false],
      [5, 2, 0, 2, false],
      [5, 3, 0, 3, false],
      [2, 1, 0, 1, false],
      [6, 6, 1, 5, false],
    ]);
    expect(targets[0].groups.map((g) => g.name)).toEqual([
      'Huyện Lâm Bình',
      'Huyện Na Hang',
      'Huyện Sơn Dương',
      'Huyện Yên Sơn',
      'Thành phố Tuyên Quang',
    ]);
    expect(targets[4].groups).toEqual([
      expect.objectContaining({ name: 'Khối cơ quan', required: 2, achieved: 0 }),
      expect.objectContaining({ name: 'Khối cơ sở giáo dục', required: 2, achieved: 1 }),
      expect.objectContaining({ name: 'Khối doanh nghiệp', required: 2, achieved: 0 }),
    ]);
    expect(r.namedUnits).toHaveLength(10);
    expect(
      r.namedUnits
        .filter((n: { recognized: boolean }) => n.recognized)
        .map((n: { unitName: string }) => n.unitName),
    ).toEqual(['Xã Thượng Nông', 'Xã Linh Phú']);
    expect(r.namedUnits.find((n: { unitName: string }) => n.unitName === 'Xã Hùng Lợi').stateLabel).toBe(
      'Đã rút hồ sơ',
    );
    expect(r.summary).toBe(
      'Năm 2026, toàn tỉnh Tuyên Quang có 5 đơn vị đăng ký xây dựng điển hình, 4 đơn vị đã nộp hồ sơ, 3 đơn vị được công nhận. Đạt 0/5 chỉ tiêu của kế hoạch. Theo bảng phân bổ, cần công nhận 23 đơn vị, đã công nhận 3, còn thiếu 20 đơn vị. 2/10 đơn vị được kế hoạch giao đã được công nhận.',
    );
  });

  it("shows 2025 against every target of seed 003, counting the period's recognitions and not revoked ones", async () => {
    const r = await report('admin', 'year=2025');
    const byLabel = new Map((r.targets as Target[]).map((x) => [x.label, x]));
    expect(r.targets).toHaveLength(10);
    expect(byLabel.get('02 phường trên địa bàn thành phố Tuyên Quang')).toMatchObject({
      required: 2,
      achieved: 1,
      gap: 1,
    });
    expect(byLabel.get('Đến năm 2025: 30% số phường')).toMatchObject({
      eligible: 5,
      required: 2,
      achieved: 2,
      met: true,
    });
    expect(
      byLabel.get(
        'Đến năm 2025: 40% số xã được công nhận đạt chuẩn nông thôn mới, nông thôn mới nâng cao giai đoạn 2021-2025',
      ),
    ).toMatchObject({
      eligible: 7,
      required: 3,
      achieved: 0,
    });
    expect(
      byLabel.get('Đến năm 2025: 100% số xã từng bị ảnh hưởng "tổ chức bất hợp pháp Dương Văn Mình"'),
    ).toMatchObject({
      required: 10,
    });
    expect(byLabel.get('Đến năm 2025: 50% số thị trấn')).toMatchObject({ required: 3 });
    expect(byLabel.get('Đến năm 2025: 15% cơ quan, doanh nghiệp, cơ sở giáo dục')).toMatchObject({
      eligible: 8,
      required: 2,
    });
    expect(byLabel.get('100% các xã về đích nông thôn mới năm 2025')).toMatchObject({
      eligible: 1,
      required: 1,
    });
    expect(r.plan.title).toContain('2023 - 2025');
  });
});

describe('report access and formats', () => {
  it('gives a district reviewer its own district only, and refuses unit officers', async () => {
    const r = await report('chiemhoa', 'year=2026&districtId=ignored');
    expect(new Set((r.rows as Row[]).map((x) => x.districtName))).toEqual(new Set(['Huyện Chiêm Hóa']));
    expect(r.totals).toMatchObject({ registered: 2, recognized: 1 });
    expect(r.namedUnits.map((n: { unitName: string }) => n.unitName)).toEqual(['Xã Linh Phú', 'Xã Tri Phú']);
    // Only the targets the plan sets for each district, as they stand for this one: the province-wide
    // shares (wards, towns, 15 % of agencies…) stay in the province's report.
    const targets = r.targets as Target[];
    expect(targets.map((x) => x.label)).toEqual([
      'Mỗi huyện, thành phố có từ 01 xã đạt chuẩn nông thôn mới nâng cao, kiểu mẫu trở lên đạt điển hình',
    ]);
    // Chiêm Hóa has no advanced new-rural commune: the target does not apply there, and is not "Đạt".
    expect(targets[0]).toMatchObject({ required: 0, met: false, verdict: 'Không áp dụng' });
    expect(r.summary).toContain('Huyện Chiêm Hóa');
    expect((await (await t.as('thuongnong')).get('/api/reports/progress?year=2026')).status).toBe(403);
    expect((await (await t.as('bcd138')).get('/api/reports/progress')).status).toBe(400);
    expect(
      (await (await t.as('bcd138')).get('/api/reports/progress?year=2026&districtId=khong-co')).status,
    ).toBe(404);
  });

  it('exports CSV in UTF-8 with a BOM, so Excel shows the diacritics', async () => {
    const res = await binary((await t.as('bcd138')).get('/api/reports/progress.csv?year=2026')).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain('tien-do-2026.csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[3]).toBe(
      'Huyện/khối,Loại đơn vị,Số đơn vị,Đăng ký,Đã nộp hồ sơ,Được công nhận,Chỉ tiêu,Tỷ lệ đạt (%),Còn thiếu',
    );
    expect(lines).toContain('Huyện Chiêm Hóa,Xã,3,2,2,1,2,50,1');
    expect(text).toContain('Xã Thượng Nông,Huyện Na Hang,Đã công nhận,Có');
    expect(text).toContain('"Mỗi huyện, thành phố có từ 01 xã');
    expect(lines[1]).toBe('Số liệu tính đến ngày 23/11/2026');
    expect(text.normalize('NFC')).toBe(text);
  });

  it('draws the chart as SVG with escaped text', async () => {
    const res = await (await t.as('bcd138')).get('/api/reports/progress.svg?year=2026').expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = res.text ?? (res.body as Buffer).toString('utf8');
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('>Huyện Chiêm Hóa</text>');
    expect(svg).toContain('Tiến độ so với chỉ tiêu năm 2026');
    expect(svg).not.toMatch(/<script/i);
  });

  it("a district's report carries its own heading, body and addressee, and only its own figures", async () => {
    const res = await binary((await t.as('chiemhoa')).get('/api/reports/progress.pdf?year=2026')).expect(200);
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('UBND HUYỆN CHIÊM HÓA BAN CHỈ ĐẠO 138');
    expect(text).toContain('Chiêm Hóa, ngày 23 tháng 11 năm 2026');
    expect(text).toContain('Kính gửi: Ban Chỉ đạo 138 tỉnh Tuyên Quang (qua Công an tỉnh).');
    expect(text).toContain('Ban Chỉ đạo 138 huyện Chiêm Hóa báo cáo kết quả năm 2026');
    expect(text).not.toContain('CÔNG AN TỈNH TUYÊN QUANG');
    expect(text).not.toContain('Thành phố Tuyên Quang');
    expect(text).toContain('TM. BAN CHỈ ĐẠO');
  });

  it('renders the 6-month and annual reports as PDFs in the administrative layout', async () => {
    // The fixture's dossiers were all opened in November: the first half of the year (cut off on 30 June)
    // had none; the annual report counts them up to today.
    for (const [period, heading, figures, cutoff] of [
      [
        'six_month',
        '6 tháng đầu năm 2026',
        '0 đơn vị đăng ký xây dựng điển hình, 0 đơn vị đã nộp hồ sơ, 0',
        '30/06/2026',
      ],
      ['annual', 'năm 2026', '5 đơn vị đăng ký xây dựng điển hình, 4 đơn vị đã nộp hồ sơ, 3', '23/11/2026'],
    ] as const) {
      const res = await binary(
        (await t.as('bcd138')).get(`/api/reports/progress.pdf?year=2026&period=${period}`),
      ).expect(200);
      const pdf = res.body as Buffer;
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      // The province's report goes to the People's Committee through Công an tỉnh (domain.md).
      expect(text).toContain('BỘ CÔNG AN CÔNG AN TỈNH TUYÊN QUANG');
      expect(text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Tuyên Quang.');
      expect(text).toContain('Công an tỉnh Tuyên Quang (cơ quan thường trực Ban Chỉ đạo 138 tỉnh) báo cáo');
      expect(text).not.toMatch(/giai đoạn (\d{4}) - \1/);
      expect(text).not.toContain('Thời hạn báo cáo');
      expect(text).toContain('Tuyên Quang, ngày 23 tháng 11 năm 2026');
      expect(text).toContain('BÁO CÁO');
      expect(text).toContain(heading);
      expect(text).toContain('I. KẾT QUẢ CHUNG');
      expect(text).toContain(`${figures} đơn vị được công nhận`);
      expect(text).toContain(`số liệu tính đến ngày ${cutoff}`);
      expect(text).toContain('III. THỰC HIỆN CHỈ TIÊU KẾ HOẠCH');
      expect(text).toContain('Khối cơ sở giáo dục');
      expect(text).toContain('Xã Đông Thọ');
      expect(text).toContain('KT. GIÁM ĐỐC');
      expect(text).toContain('Biểu đồ: số đơn vị được công nhận so với chỉ tiêu năm 2026');
      expect(pdfFonts(pdf).every((f) => f.embedded && f.subset)).toBe(true);
    }
  });
});
