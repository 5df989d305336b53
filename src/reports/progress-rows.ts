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
  for (const [key, target] of cellTargets) {
    const [districtId, type] = key.split('|');
    const row = cell(districtId === '-' ? null : districtId, type as UnitType);
    row.target = target;
    row.gap = Math.max(target - row.recognized, 0);
    row.percentReached = target ? percent(row.recognized, target) : null;
  }
  const order = (r: ProgressRow) => (r.districtId === null ? 1 : 0);
  return [...cells.values()].sort(
    (a, b) =>
      order(a) - order(b) ||
      a.districtName.localeCompare(b.districtName, 'vi') ||
      UNIT_TYPES.indexOf(a.unitType) - UNIT_TYPES.indexOf(b.unitType),
  );
}
