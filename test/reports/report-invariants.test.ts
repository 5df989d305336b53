import { describe, expect, it } from 'vitest';
import type { District, Dossier, PlanTarget, Unit } from '../../entities';
import type { UnitType } from '../../machines/domain';
import { progressCsv } from '../../src/reports/progress.csv';
import { renderProgressReportPdf } from '../../src/reports/progress-report.pdf';
import { pdfLines, pdfText } from '../helpers/pdf';
import { buildRows } from '../../src/reports/progress-rows';
import { summaryOf, type ProgressReport } from '../../src/reports/progress.service';
import { evaluateTargets, tableFigures } from '../../src/reports/report-figures';
import { periodOf } from '../../src/reports/report-period';
import { cellOf, isEligible } from '../../src/reports/target-arithmetic';

/** A small seeded generator: the same cases on every run, many shapes of plan and outcome. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  return {
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const TYPES: UnitType[] = ['commune', 'ward', 'town', 'agency', 'school'];
const BLOCKS = ['Khối cơ quan', 'Khối doanh nghiệp', 'Khối cơ sở giáo dục'];

function generate(seed: number) {
  const r = rng(seed);
  const districts = Array.from(
    { length: r.int(1, 4) },
    (_, i) => ({ id: `d${i}`, name: `Huyện ${i}` }) as District,
  );
  const units: Unit[] = Array.from({ length: r.int(0, 40) }, (_, i) => {
    const provincial = r.chance(0.2);
    const type = provincial ? r.pick(['agency', 'school'] as UnitType[]) : r.pick(TYPES);
    return {
      id: `u${i}`,
      name: `Đơn vị ${i}`,
      type,
      managedBy: provincial ? 'province' : 'district',
      districtId: r.pick(districts).id,
      tags: r.chance(0.3) ? ['nong-thon-moi'] : [],
      block: provincial ? r.pick(BLOCKS) : null,
      active: true,
    } as Unit;
  });
  const targets: PlanTarget[] = Array.from({ length: r.int(0, 6) }, (_, i) => {
    const measure = r.pick(['percent', 'count'] as const);
    return {
      id: `t${i}`,
      label: `Chỉ tiêu ${i}`,
      unitTypes: [r.pick(TYPES), ...(r.chance(0.3) ? [r.pick(TYPES)] : [])],
      tagsAny: r.chance(0.2) ? ['nong-thon-moi'] : [],
      districtIds: r.chance(0.3) ? [r.pick(districts).id] : [],
      managedBy: r.chance(0.2) ? r.pick(['district', 'province'] as const) : null,
      measure,
      value: measure === 'percent' ? r.int(0, 100) : r.int(0, 5),
      breakdown: r.pick(['province', 'district', 'block'] as const),
      cumulative: r.chance(0.2),
    } as PlanTarget;
  });
  const recognizedThisYear = new Set(units.filter(() => r.chance(0.35)).map((u) => u.id));
  const recognizedInPeriod = new Set([
    ...recognizedThisYear,
    ...units.filter(() => r.chance(0.1)).map((u) => u.id),
  ]);
  const dossiers = units
    .filter((u) => recognizedThisYear.has(u.id) || r.chance(0.3))
    .map(
      (u) =>
        ({
          id: `x${u.id}`,
          unitId: u.id,
          year: 2026,
          state: recognizedThisYear.has(u.id) ? 'recognized' : 'district_review',
          submittedAt: '2026-05-01T00:00:00.000Z',
        }) as Dossier,
    );
  const named = units.filter(() => r.chance(0.1));
  return { districts, units, targets, recognizedThisYear, recognizedInPeriod, dossiers, named };
}

/** The report's figures exactly as the service assembles them. */
function figures(seed: number): ProgressReport {
  const g = generate(seed);
  const name = (id: string | null) => g.districts.find((d) => d.id === id)?.name ?? 'Cấp tỉnh quản lý';
  const cellTargets = new Map<string, number>();
  const targets = evaluateTargets(
    g.targets,
    g.units,
    { thisYear: g.recognizedThisYear, period: g.recognizedInPeriod },
    name,
    cellTargets,
  );
  const named = new Set(g.named.map((u) => u.id));
  const { rows, totals } = tableFigures(
    buildRows(g.units, g.dossiers, g.recognizedThisYear, cellTargets, g.districts, named),
  );
  const report = {
    year: 2026,
    asOf: '2026-06-30T00:00:00.000Z',
    period: periodOf('annual', 2026, new Date('2026-06-30T00:00:00.000Z')),
    province: { id: 'p', name: 'Tỉnh Thử', shortName: 'Thử', reportingBody: [] },
    districtId: null,
    districtName: null,
    plan: { id: 'k', title: 'Kế hoạch', reference: '01/KH-UBND', startYear: 2026, endYear: 2026 },
    planYear: null,
    rows,
    totals,
    targets,
    namedUnits: [],
  };
  return { ...report, summary: summaryOf(report, 'toàn tỉnh Thử') };
}

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('report figures add up (300 generated plans and outcomes)', () => {
  it('each group: achieved counts every recognized unit, gap = required − achieved floored at 0', () => {
    for (const seed of SEEDS) {
      const g = generate(seed);
      const r = figures(seed);
      for (const [i, t] of r.targets.entries()) {
        const set = g.targets[i].cumulative ? g.recognizedInPeriod : g.recognizedThisYear;
        for (const group of t.groups) {
          expect(group.gap, `seed ${seed}`).toBe(Math.max(group.required - group.achieved, 0));
          expect(group.achieved).toBeLessThanOrEqual(group.eligible);
          expect(group.verdict).toBe(
            group.required === 0 ? 'Không áp dụng' : group.gap === 0 ? 'Đạt' : 'Chưa đạt',
          );
        }
        // A target's figures are the sums of its groups; achieved is never capped at what was required.
        expect(t.required).toBe(t.groups.reduce((s, x) => s + x.required, 0));
        expect(t.achieved).toBe(t.groups.reduce((s, x) => s + x.achieved, 0));
        expect(t.gap).toBe(t.groups.reduce((s, x) => s + x.gap, 0));
        const eligibleRecognized = t.groups.reduce((s, x) => s + x.achieved, 0);
        expect(eligibleRecognized).toBeLessThanOrEqual([...set].length);
        expect(t.met).toBe(t.required > 0 && t.gap === 0);
        if (t.required > 0) expect(t.percentReached).toBe(Math.round((1000 * t.achieved) / t.required) / 10);
        else expect(t.percentReached).toBeNull();
      }
    }
  });

  it('the table: totals are the sums of the rows; each gap is what its target still lacks', () => {
    for (const seed of SEEDS) {
      const r = figures(seed);
      const sum = (f: (x: (typeof r.rows)[number]) => number) => r.rows.reduce((s, x) => s + f(x), 0);
      expect(r.totals.units).toBe(sum((x) => x.units));
      expect(r.totals.recognized).toBe(sum((x) => x.recognized));
      expect(r.totals.target).toBe(sum((x) => x.target ?? 0));
      expect(r.totals.gap).toBe(sum((x) => x.gap ?? 0));
      expect(r.totals.targetAchieved).toBe(sum((x) => x.targetAchieved ?? 0));
      for (const row of r.rows) {
        if (row.target === null) expect(row.gap).toBeNull();
        else {
          expect(row.gap).toBe(row.target - (row.targetAchieved ?? 0));
          expect(row.targetAchieved).toBeLessThanOrEqual(Math.min(row.target, row.recognized));
        }
      }
    }
  });

  it("a named unit's place in the table is filled only by that unit", () => {
    for (const seed of SEEDS) {
      const g = generate(seed);
      const r = figures(seed);
      for (const row of r.rows) {
        const inCell = g.named.filter((u) => cellOf(u) === `${row.districtId ?? '-'}|${row.unitType}`);
        const missing = inCell.filter((u) => !g.recognizedThisYear.has(u.id)).length;
        // However many other units the cell has recognized, an unrecognized named unit stays missing.
        if (inCell.length) expect(row.gap, `seed ${seed}`).toBeGreaterThanOrEqual(missing);
      }
    }
  });

  it('the table never shares out more than the targets require, nor a province-wide target over districts', () => {
    for (const seed of SEEDS) {
      const g = generate(seed);
      const recognized = { thisYear: g.recognizedThisYear, period: g.recognizedInPeriod };
      for (const target of g.targets) {
        const cellTargets = new Map<string, number>();
        const [result] = evaluateTargets([target], g.units, recognized, () => '', cellTargets);
        const shared = [...cellTargets.values()].reduce((s, n) => s + n, 0);
        expect(shared, `seed ${seed}`).toBeLessThanOrEqual(target.cumulative ? 0 : result.required);
        if (target.breakdown === 'province') {
          const cells = new Set(g.units.filter((u) => isEligible(target, u)).map(cellOf));
          if (cells.size > 1) expect(cellTargets.size, `seed ${seed}`).toBe(0);
        }
      }
    }
  });

  it('the summary and the CSV print the same figures as the table and the targets', () => {
    for (const seed of SEEDS.slice(0, 60)) {
      const r = figures(seed);
      const applicable = r.targets.filter((t) => t.verdict !== 'Không áp dụng').length;
      const met = r.targets.filter((t) => t.met).length;
      if (applicable) expect(r.summary).toContain(`Đạt ${met}/${applicable} chỉ tiêu`);
      if (r.totals.target) {
        expect(r.summary).toContain(
          `cần công nhận ${r.totals.target} đơn vị, đã công nhận ${r.totals.targetAchieved}, còn thiếu ${r.totals.gap} đơn vị`,
        );
      }
      const csv = progressCsv(r);
      for (const t of r.targets) {
        const line = csv.split('\n').find((l) => l.startsWith(`${t.label},`) || l.startsWith(`"${t.label}"`));
        expect(line, `seed ${seed}: ${t.label}`).toBeTruthy();
        expect(line).toContain(`,${t.required},${t.achieved},`);
        expect(line).toContain(t.verdict);
      }
    }
  });

  it('the PDF prints the same figures: the summary, each target, the table totals', async () => {
    for (const seed of SEEDS.slice(0, 8)) {
      const r = figures(seed);
      const bytes = await renderProgressReportPdf({ report: r, period: 'annual', date: '2026-06-30' });
      const text = pdfText(bytes);
      expect(text, `seed ${seed}`).toContain(r.summary.slice(0, 80));
      for (const t of r.targets) {
        expect(text, `seed ${seed}: ${t.label}`).toContain(`${t.label}`);
        expect(text).toContain(`${t.required} ${t.achieved} ${t.gap} ${t.verdict}`);
      }
      // The table's totals row, read in layout mode (its cells on one line).
      if (r.rows.length) {
        const totalsLine = pdfLines(bytes)
          .map((l) => l.replace(/\s+/g, ' ').trim())
          .find((l) => l.startsWith('Tổng cộng '));
        const t = r.totals;
        expect(totalsLine, `seed ${seed}`).toBe(
          `Tổng cộng ${t.units} ${t.registered} ${t.submitted} ${t.recognized} ${t.target} ${t.gap}`,
        );
      }
    }
  });
});
