import { describe, expect, it } from 'vitest';
import type { PlanTarget, Unit } from '../../entities';
import {
  apportion,
  evaluateGroup,
  groupsOf,
  isEligible,
  largestRemainder,
  requiredFor,
} from '../../src/reports/target-arithmetic';

const unit = (id: string, over: Partial<Unit> = {}): Unit =>
  ({
    id,
    type: 'commune',
    managedBy: 'district',
    districtId: 'd1',
    tags: [],
    block: null,
    active: true,
    ...over,
  }) as Unit;
const target = (over: Partial<PlanTarget> = {}): PlanTarget =>
  ({
    id: 't',
    unitTypes: ['commune'],
    tagsAny: [],
    districtIds: [],
    managedBy: null,
    measure: 'percent',
    value: 30,
    breakdown: 'province',
    cumulative: false,
    ...over,
  }) as PlanTarget;

describe('target arithmetic', () => {
  it('shares a requirement among cells by largest remainder, adding up exactly', () => {
    // 50 % of 5 towns, one per district: 3 units; every share is 0.6, so three cells get one each.
    const towns = new Map(['a', 'b', 'c', 'd', 'e'].map((k) => [k, 1]));
    const shares = largestRemainder(towns, 3);
    expect([...shares.values()].reduce((s, n) => s + n, 0)).toBe(3);
    expect([...shares.keys()]).toEqual(['a', 'b', 'c']);
    // 7 units over cells of 5, 3, 2: quotas 3.5, 2.1, 1.4 → 3 + 2 + 1 = 6, the seventh to the largest remainder.
    expect(
      largestRemainder(
        new Map([
          ['x', 5],
          ['y', 3],
          ['z', 2],
        ]),
        7,
      ),
    ).toEqual(
      new Map([
        ['x', 4],
        ['y', 2],
        ['z', 1],
      ]),
    );
  });

  it('rounds a percentage up to whole units: 30 % of 7 wards is 3', () => {
    expect(requiredFor('percent', 30, 7)).toBe(3);
    expect(requiredFor('percent', 30, 10)).toBe(3); // exactly 3, no floating-point 3.0000000000000004 → 4
    expect(requiredFor('percent', 40, 7)).toBe(3);
    expect(requiredFor('percent', 15, 20)).toBe(3);
    expect(requiredFor('percent', 50, 5)).toBe(3);
    expect(requiredFor('percent', 100, 10)).toBe(10);
    expect(requiredFor('percent', 30, 0)).toBe(0);
    expect(requiredFor('count', 2, 0)).toBe(2);
  });
  it('selects eligible units by type, tag, district and management', () => {
    const t = target({
      tagsAny: ['ntm_nang_cao', 'ntm_kieu_mau'],
      districtIds: ['d1'],
      managedBy: 'district',
    });
    expect(isEligible(t, unit('a', { tags: ['ntm', 'ntm_nang_cao'] }))).toBe(true);
    expect(isEligible(t, unit('b', { tags: ['ntm'] }))).toBe(false);
    expect(isEligible(t, unit('c', { tags: ['ntm_kieu_mau'], districtId: 'd2' }))).toBe(false);
    expect(isEligible(t, unit('d', { tags: ['ntm_kieu_mau'], type: 'ward' }))).toBe(false);
    expect(isEligible(t, unit('e', { tags: ['ntm_kieu_mau'], managedBy: 'province' }))).toBe(false);
  });
  it('evaluates a count per block: each block must reach it on its own', () => {
    const t = target({ unitTypes: ['agency', 'school'], measure: 'count', value: 2, breakdown: 'block' });
    const units = [
      unit('a1', { type: 'agency', block: 'Khối cơ quan' }),
      unit('a2', { type: 'agency', block: 'Khối cơ quan' }),
      unit('a3', { type: 'agency', block: 'Khối cơ quan' }),
      unit('s1', { type: 'school', block: 'Khối cơ sở giáo dục' }),
    ];
    const groups = groupsOf(t, units, () => '');
    const recognized = new Set(['a1', 'a2', 'a3', 's1']);
    expect(groups.map((g) => evaluateGroup(t, g, recognized))).toEqual([
      // Three recognized where two are required: achieved says three (over 100 %), nothing is missing.
      {
        key: 'Khối cơ quan',
        name: 'Khối cơ quan',
        eligible: 3,
        required: 2,
        achieved: 3,
        gap: 0,
        verdict: 'Đạt',
      },
      {
        key: 'Khối cơ sở giáo dục',
        name: 'Khối cơ sở giáo dục',
        eligible: 1,
        required: 2,
        achieved: 1,
        gap: 1,
        verdict: 'Chưa đạt',
      },
    ]);
  });
  it('keeps a district the target names even when it has no eligible unit yet', () => {
    const t = target({ measure: 'count', value: 1, breakdown: 'district', districtIds: ['d1', 'd2'] });
    const groups = groupsOf(t, [unit('a')], (id) => `Huyện ${id}`);
    expect(groups.map((g) => [g.key, g.units.length])).toEqual([
      ['d1', 1],
      ['d2', 0],
    ]);
    expect(apportion(t, groups[1], 1)).toEqual(new Map([['d2|commune', 1]]));
  });
  it('apportions a block percentage cell by cell; a province-wide one or a spread count nowhere', () => {
    const units = [unit('a'), unit('b'), unit('c', { districtId: 'd2' })];
    const pct = target({ value: 30, breakdown: 'block' });
    // 30 % of 3 is 1 unit: it goes to the district with 2 of the 3 eligible units.
    expect(apportion(pct, { key: 'Khối', name: '', units }, 1)).toEqual(new Map([['d1|commune', 1]]));
    // The same share set for the whole province stays the province's (its row of the targets section).
    expect(apportion(target({ value: 30 }), { key: 'province', name: '', units }, 1).size).toBe(0);
    const count = target({ measure: 'count', value: 1 });
    expect(apportion(count, { key: 'province', name: '', units }, 1).size).toBe(0);
    expect(apportion(count, { key: 'province', name: '', units: units.slice(0, 2) }, 1)).toEqual(
      new Map([['d1|commune', 1]]),
    );
  });
});
