import type { UnitType } from '../../machines/domain';
import type { PlanTarget, Unit } from '../../entities';

/** The units a target counts: of its types, carrying one of its tags, in its districts, managed as it says. */
export function isEligible(target: PlanTarget, unit: Unit): boolean {
  if (!target.unitTypes.includes(unit.type)) return false;
  if (target.managedBy && unit.managedBy !== target.managedBy) return false;
  if (target.districtIds.length && (!unit.districtId || !target.districtIds.includes(unit.districtId)))
    return false;
  if (target.tagsAny.length && !unit.tags.some((t) => target.tagsAny.includes(t))) return false;
  return true;
}

/** Units a percentage target requires, rounded up: 30 % of 7 wards is 3 (2.1 → 3). */
export function requiredFor(measure: PlanTarget['measure'], value: number, eligible: number): number {
  if (measure === 'count') return value;
  // Integer arithmetic: no floating-point surprise such as 0.3 * 10 = 3.0000000000000004 → 4.
  return Math.ceil((value * eligible) / 100);
}

/** A cell of the report's table: one district (null: province-managed units) and one unit type. */
export const cellKey = (districtId: string | null, type: UnitType): string => `${districtId ?? '-'}|${type}`;

/** The row a unit is counted in: its district, or the province-managed block (wherever its seat is). */
export const rowDistrictOf = (unit: Unit): string | null =>
  unit.managedBy === 'province' ? null : unit.districtId;

/** The cell of a unit. */
export const cellOf = (unit: Unit): string => cellKey(rowDistrictOf(unit), unit.type);

/** How a target (or one group of it) stands: computed here once, printed as is everywhere. */
export type Verdict = 'Đạt' | 'Chưa đạt' | 'Không áp dụng';

export interface TargetGroup {
  /** District id, block name, or "province". */
  key: string;
  name: string;
  eligible: number;
  required: number;
  /** Units recognized, all of them: more than required shows as more (over 100 %). */
  achieved: number;
  /** required − achieved, floored at 0. */
  gap: number;
  verdict: Verdict;
}

/** A group with nothing required (no eligible unit, or a share of none) is not met: it does not apply. */
export const verdictOf = (required: number, gap: number): Verdict =>
  required === 0 ? 'Không áp dụng' : gap === 0 ? 'Đạt' : 'Chưa đạt';

export interface GroupInput {
  key: string;
  name: string;
  units: Unit[];
}

/** Splits a target's eligible units into the groups it applies to separately. */
export function groupsOf(
  target: PlanTarget,
  eligible: Unit[],
  districtName: (id: string | null) => string,
): GroupInput[] {
  if (target.breakdown === 'province') return [{ key: 'province', name: 'Toàn tỉnh', units: eligible }];
  const groups = new Map<string, GroupInput>();
  if (target.breakdown === 'district') {
    // A district the target names counts even when none of its units is eligible yet (an unmet target).
    for (const id of target.districtIds) groups.set(id, { key: id, name: districtName(id), units: [] });
    for (const u of eligible) {
      const key = u.districtId ?? '-';
      const g = groups.get(key) ?? { key, name: districtName(u.districtId), units: [] };
      g.units.push(u);
      groups.set(key, g);
    }
  } else {
    for (const u of eligible) {
      if (!u.block) continue;
      const g = groups.get(u.block) ?? { key: u.block, name: u.block, units: [] };
      g.units.push(u);
      groups.set(u.block, g);
    }
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Evaluates one group: how many it requires, how many of its units are recognized, what is left. */
export function evaluateGroup(
  target: PlanTarget,
  group: GroupInput,
  recognized: ReadonlySet<string>,
): TargetGroup {
  const required = requiredFor(target.measure, target.value, group.units.length);
  const achieved = group.units.filter((u) => recognized.has(u.id)).length;
  const gap = Math.max(required - achieved, 0);
  return {
    key: group.key,
    name: group.name,
    eligible: group.units.length,
    required,
    achieved,
    gap,
    verdict: verdictOf(required, gap),
  };
}

/**
 * Shares `required` units among cells in proportion to their eligible units, by largest remainder
 * (Hamilton), so the shares add up to exactly `required`; equal remainders go in cell-key order.
 */
export function largestRemainder(cells: Map<string, number>, required: number): Map<string, number> {
  const total = [...cells.values()].reduce((s, n) => s + n, 0);
  const entries = [...cells].sort(([a], [b]) => a.localeCompare(b));
  const shares = entries.map(([key, n]) => ({
    key,
    share: Math.floor((required * n) / total),
    remainder: (required * n) % total,
  }));
  let left = required - shares.reduce((s, x) => s + x.share, 0);
  for (const x of [...shares].sort((a, b) => b.remainder - a.remainder)) {
    if (left <= 0) break;
    x.share += 1;
    left -= 1;
  }
  return new Map(shares.filter((x) => x.share > 0).map((x) => [x.key, x.share]));
}

/**
 * Where a group's requirement lands in the district × unit type table: all of it in one cell when its units
 * (or, for a named district with none yet, its only unit type) share one; shared by largest remainder for a
 * percentage the plan sets per district or block spread over several cells; nowhere for a count or a
 * province-wide target spread over several cells (such a target appears in the targets section only).
 */
export function apportion(target: PlanTarget, group: GroupInput, required: number): Map<string, number> {
  const cells = new Map<string, number>();
  for (const u of group.units) cells.set(cellOf(u), (cells.get(cellOf(u)) ?? 0) + 1);
  if (cells.size === 0) {
    const onlyType = target.unitTypes.length === 1 ? target.unitTypes[0] : null;
    return target.breakdown === 'district' && onlyType
      ? new Map([[cellKey(group.key, onlyType), required]])
      : new Map();
  }
  if (cells.size === 1) return new Map([[[...cells.keys()][0], required]]);
  // A province-wide target over several districts is reported province-wide (its own row of the targets
  // section): sharing it out would invent district targets the plan never set.
  if (target.measure === 'count' || target.breakdown === 'province') return new Map();
  return largestRemainder(cells, required);
}
