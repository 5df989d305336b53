import { hasTag } from '../dossiers/dossier-rules';
import { UNIT_TYPES, type UnitType } from '../../machines/domain';
import type { District, Dossier, Unit } from '../../entities';
import { UNIT_TYPE_LABELS } from '../dossiers/labels';
import { cellKey, rowDistrictOf } from './target-arithmetic';

/** A share in percent with one decimal. */
export const percent = (part: number, whole: number): number => Math.round((1000 * part) / whole) / 10;

export interface ProgressRow {
  districtId: string | null;
  districtName: string;
  unitType: UnitType;
  unitTypeLabel: string;
  units: number;
  registered: number;
  submitted: number;
  recognized: number;
  /** Units the plan expects this district and type to have recognized this year; null when none. */
  target: number | null;
  /** Recognized units that count toward the target: a named unit's place only by that unit. */
  targetAchieved: number | null;
  percentReached: number | null;
  gap: number | null;
}

/** The district × unit type table: units, registered, submitted, recognized, and the apportioned target. */
export function buildRows(
  units: Unit[],
  dossiers: Dossier[],
  recognized: Set<string>,
  cellTargets: Map<string, number>,
  districts: District[],
  named: ReadonlySet<string> = new Set(),
): ProgressRow[] {
  const cells = new Map<string, ProgressRow>();
  const districtName = (id: string | null) => districts.find((d) => d.id === id)?.name ?? 'Cấp tỉnh quản lý';
  const cell = (districtId: string | null, type: UnitType): ProgressRow => {
    const key = cellKey(districtId, type);
    const row = cells.get(key) ?? {
      districtId,
      districtName: districtName(districtId),
      unitType: type,
      unitTypeLabel: UNIT_TYPE_LABELS[type],
      units: 0,
      registered: 0,
      submitted: 0,
      recognized: 0,
      target: null,
      targetAchieved: null,
      percentReached: null,
      gap: null,
    };
    cells.set(key, row);
    return row;
  };
  const unitById = new Map(units.map((u) => [u.id, u]));
  for (const u of units) cell(rowDistrictOf(u), u.type).units += 1;
  for (const d of dossiers) {
    const u = unitById.get(d.unitId);
    if (!u || !hasTag(d.state, 'registered')) continue;
    const row = cell(rowDistrictOf(u), u.type);
    row.registered += 1;
    if (d.submittedAt) row.submitted += 1;
    if (recognized.has(u.id)) row.recognized += 1;
  }
  // A cell's target is its share of the plan's targets plus the units the plan names there. A named
  // unit's place is filled only by that unit; the share by any other recognized unit of the cell.
  const namedIn = new Map<string, { count: number; recognized: number }>();
  const othersRecognized = new Map<string, number>();
  for (const u of units) {
    const key = cellKey(rowDistrictOf(u), u.type);
    if (named.has(u.id)) {
      const n = namedIn.get(key) ?? { count: 0, recognized: 0 };
      n.count += 1;
      if (recognized.has(u.id)) n.recognized += 1;
      namedIn.set(key, n);
    } else if (recognized.has(u.id)) {
      othersRecognized.set(key, (othersRecognized.get(key) ?? 0) + 1);
    }
  }
  for (const key of new Set([...cellTargets.keys(), ...namedIn.keys()])) {
    const [districtId, type] = key.split('|');
    const row = cell(districtId === '-' ? null : districtId, type as UnitType);
    const share = cellTargets.get(key) ?? 0;
    const n = namedIn.get(key) ?? { count: 0, recognized: 0 };
    const achievedShare = Math.min(othersRecognized.get(key) ?? 0, share);
    row.target = share + n.count;
    row.targetAchieved = achievedShare + n.recognized;
    row.gap = share - achievedShare + (n.count - n.recognized);
    row.percentReached = row.target ? percent(row.targetAchieved, row.target) : null;
  }
  const order = (r: ProgressRow) => (r.districtId === null ? 1 : 0);
  return [...cells.values()].sort(
    (a, b) =>
      order(a) - order(b) ||
      a.districtName.localeCompare(b.districtName, 'vi') ||
      UNIT_TYPES.indexOf(a.unitType) - UNIT_TYPES.indexOf(b.unitType),
  );
}
