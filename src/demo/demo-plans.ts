import { addDays } from '../calendar/time';
import type { PlanInput, TargetInput } from '../plans/plan.schemas';

/** Looks up demo ids by code. */
export interface DemoIds {
  district: (code: string) => string;
  unit: (code: string) => string;
}

/** The ten communes once affected by "Dương Văn Mình" that seed 003 names for 2023. */
export const SEED_003_NAMED_UNITS = [
  'NH-THUONGNONG',
  'CH-LINHPHU',
  'CH-TRIPHU',
  'YS-TRUNGMINH',
  'YS-HUNGLOI',
  'HY-MINHHUONG',
  'HY-YENLAM',
  'HY-YENPHU',
  'HY-TANTHANH',
  'SD-DONGTHO',
];

const AGENCIES: TargetInput['unitTypes'] = ['agency', 'enterprise', 'school'];

function target(
  t: Partial<TargetInput> & Pick<TargetInput, 'label' | 'unitTypes' | 'measure' | 'value'>,
): TargetInput {
  return { tagsAny: [], districtIds: [], managedBy: null, breakdown: 'province', cumulative: false, ...t };
}

const perBlock = (n: number): TargetInput =>
  target({
    label: `Mỗi khối cơ quan, doanh nghiệp, cơ sở giáo dục thuộc cấp tỉnh quản lý có từ 0${n} đơn vị trở lên đạt tiêu chí điển hình`,
    unitTypes: AGENCIES,
    managedBy: 'province',
    measure: 'count',
    value: n,
    breakdown: 'block',
  });

/** 2024 and 2025 of seed 003 §II.2: every commune reaching the new-rural standards that year, wards, towns, blocks. */
function laterYear(year: number, n: number, ids: DemoIds): TargetInput[] {
  return [
    target({
      label: `100% các xã về đích nông thôn mới năm ${year}`,
      unitTypes: ['commune'],
      tagsAny: [`ntm_${year}`],
      measure: 'percent',
      value: 100,
    }),
    target({
      label: `100% các xã về đích xã nông thôn mới nâng cao năm ${year}`,
      unitTypes: ['commune'],
      tagsAny: [`ntm_nang_cao_${year}`],
      measure: 'percent',
      value: 100,
    }),
    target({
      label: `0${n} phường trên địa bàn thành phố Tuyên Quang`,
      unitTypes: ['ward'],
      districtIds: [ids.district('TP')],
      measure: 'count',
      value: n,
      breakdown: 'district',
    }),
    target({ label: `0${n} thị trấn`, unitTypes: ['town'], measure: 'count', value: n }),
    perBlock(2),
  ];
}

/** The targets "by 2025" of seed 003 §II.1, counted over the whole period. */
function periodTargets(): TargetInput[] {
  const by2025 = { cumulative: true, measure: 'percent' as const };
  return [
    target({
      ...by2025,
      label:
        'Đến năm 2025: 40% số xã được công nhận đạt chuẩn nông thôn mới, nông thôn mới nâng cao giai đoạn 2021-2025',
      unitTypes: ['commune'],
      tagsAny: ['ntm', 'ntm_nang_cao', 'ntm_kieu_mau'],
      value: 40,
    }),
    target({
      ...by2025,
      label: 'Đến năm 2025: 100% số xã từng bị ảnh hưởng "tổ chức bất hợp pháp Dương Văn Mình"',
      unitTypes: ['commune'],
      tagsAny: ['duong_van_minh'],
      value: 100,
    }),
    target({ ...by2025, label: 'Đến năm 2025: 30% số phường', unitTypes: ['ward'], value: 30 }),
    target({ ...by2025, label: 'Đến năm 2025: 50% số thị trấn', unitTypes: ['town'], value: 50 }),
    target({
      ...by2025,
      label: 'Đến năm 2025: 15% cơ quan, doanh nghiệp, cơ sở giáo dục',
      unitTypes: AGENCIES,
      value: 15,
    }),
  ];
}

const deadlines = (year: number) => ({
  registrationDeadline: `${year}-04-10`,
  submissionDeadline: `${year}-08-31`,
  districtReviewDeadline: `${year}-09-15`,
  appraisalDeadline: `${year}-10-15`,
  sixMonthReportDeadline: `${year}-06-10`,
  annualReportDeadline: `${year}-11-10`,
});

/** Kế hoạch 2023–2025 of seed 003 (Ủy ban nhân dân tỉnh Tuyên Quang), with its targets and named communes. */
export function seed003Plan(ids: DemoIds): PlanInput {
  return {
    reference: null,
    title:
      'Kế hoạch đẩy mạnh xây dựng, nhân rộng xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2023 - 2025',
    startYear: 2023,
    endYear: 2025,
    years: [
      {
        year: 2023,
        ...deadlines(2023),
        targets: [
          target({
            label:
              'Các xã về đích nông thôn mới nâng cao, nông thôn mới kiểu mẫu tại các huyện Lâm Bình, Na Hang, Sơn Dương và thành phố Tuyên Quang: mỗi địa phương lựa chọn 01 xã',
            unitTypes: ['commune'],
            tagsAny: ['ntm_nang_cao', 'ntm_kieu_mau'],
            districtIds: ['LB', 'NH', 'SD', 'TP'].map(ids.district),
            measure: 'count',
            value: 1,
            breakdown: 'district',
          }),
          perBlock(1),
        ],
        namedUnitIds: SEED_003_NAMED_UNITS.map(ids.unit),
      },
      { year: 2024, ...deadlines(2024), targets: laterYear(2024, 1, ids), namedUnitIds: [] },
      {
        year: 2025,
        ...deadlines(2025),
        targets: [...laterYear(2025, 2, ids), ...periodTargets()],
        namedUnitIds: [],
      },
    ],
  };
}

/**
 * The current year's dates, whenever the demo starts: registration, submission and the review stages ahead
 * of `today`, and the reports after them (a plan whose report fell before its registration would tell its
 * users nothing they could act on).
 */
export function currentDeadlines(today: string) {
  const appraisal = addDays(today, 120);
  return {
    registrationDeadline: addDays(today, 30),
    submissionDeadline: addDays(today, 60),
    districtReviewDeadline: addDays(today, 90),
    appraisalDeadline: appraisal,
    sixMonthReportDeadline: addDays(appraisal, 10),
    annualReportDeadline: addDays(appraisal, 25),
  };
}

/** The open plan of the current year: deadlines ahead of `today`, the same kinds of targets as seed 003. */
export function currentYearPlan(ids: DemoIds, today: string): PlanInput {
  const year = Number(today.slice(0, 4));
  return {
    reference: null,
    title: `Kế hoạch xây dựng, nhân rộng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${year}`,
    startYear: year,
    endYear: year,
    years: [
      {
        year,
        ...currentDeadlines(today),
        targets: [
          target({
            label:
              'Mỗi huyện, thành phố có từ 01 xã đạt chuẩn nông thôn mới nâng cao, kiểu mẫu trở lên đạt điển hình',
            unitTypes: ['commune'],
            tagsAny: ['ntm_nang_cao', 'ntm_kieu_mau'],
            measure: 'count',
            value: 1,
            breakdown: 'district',
          }),
          target({ label: '30% số phường', unitTypes: ['ward'], measure: 'percent', value: 30 }),
          target({ label: '50% số thị trấn', unitTypes: ['town'], measure: 'percent', value: 50 }),
          target({
            label: '15% cơ quan, doanh nghiệp, cơ sở giáo dục do cấp huyện quản lý',
            unitTypes: AGENCIES,
            managedBy: 'district',
            measure: 'percent',
            value: 15,
          }),
          perBlock(2),
        ],
        namedUnitIds: SEED_003_NAMED_UNITS.map(ids.unit),
      },
    ],
  };
}

/** Public holidays that move with the lunar calendar (Tết, Giỗ Tổ Hùng Vương), for the working-day clock. */
export const DEMO_HOLIDAYS = [
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) => ({
    date,
    name: 'Tết Nguyên đán Bính Ngọ',
  })),
  { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (nghỉ bù)' },
  { date: '2026-09-01', name: 'Quốc khánh' },
  ...['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'].map((date) => ({
    date,
    name: 'Tết Nguyên đán Đinh Mùi',
  })),
  { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
];
