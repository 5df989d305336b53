import type { ManagedBy, UnitType } from '../../../machines/domain';
import type { District, Province, Unit } from '../../../entities';
import { newId } from '../../db/ids';
import { searchKey } from '../../units/search-key';
import { NAME_SYLLABLES } from './provinces';

/** A small deterministic PRNG (mulberry32): the same seed gives the same data set. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many units a province gets. */
export interface ProvinceShape {
  districts: number;
  communesPerDistrict: number;
  agenciesPerDistrict: number;
  provincialAgencies: number;
}

/** National size: 34 × 9 × 33 ≈ 10,000 commune-level units and 34 × (9 × 260 + 660) ≈ 102,000 others. */
export const NATIONAL_SHAPE: ProvinceShape = {
  districts: 9,
  communesPerDistrict: 33,
  agenciesPerDistrict: 260,
  provincialAgencies: 660,
};

export const unitsPerProvince = (s: ProvinceShape): number =>
  s.districts * (s.communesPerDistrict + s.agenciesPerDistrict) + s.provincialAgencies;
export const BLOCKS = ['Khối cơ quan', 'Khối doanh nghiệp', 'Khối cơ sở giáo dục'];

/** A plausible two-syllable place name. */
export function placeName(next: () => number): string {
  const pick = () => NAME_SYLLABLES[Math.floor(next() * NAME_SYLLABLES.length)];
  return `${pick()} ${pick()}`;
}

/** The units of one province: communes, wards and towns per district, agencies, enterprises and schools. */
export function makeUnits(
  province: Province,
  districts: District[],
  shape: ProvinceShape,
  next: () => number,
): Unit[] {
  const units: Unit[] = [];
  const add = (
    type: UnitType,
    managedBy: ManagedBy,
    districtId: string | null,
    prefix: string,
    block: string | null,
  ) => {
    const name = `${prefix} ${placeName(next)}`;
    const tags = type === 'commune' && next() < 0.6 ? ['ntm', ...(next() < 0.4 ? ['ntm_nang_cao'] : [])] : [];
    units.push({
      id: newId(),
      provinceId: province.id,
      districtId,
      code: `${province.code}-${String(units.length + 1).padStart(5, '0')}`,
      name,
      searchName: searchKey(name),
      type,
      managedBy,
      tags,
      block,
      active: true,
    });
  };
  const agencyKinds: [UnitType, string][] = [
    ['agency', 'Cơ quan'],
    ['enterprise', 'Công ty'],
    ['school', 'Trường'],
  ];
  for (const d of districts) {
    for (let i = 0; i < shape.communesPerDistrict; i++) {
      const r = next();
      add(
        r < 0.78 ? 'commune' : r < 0.93 ? 'ward' : 'town',
        'district',
        d.id,
        r < 0.78 ? 'Xã' : r < 0.93 ? 'Phường' : 'Thị trấn',
        null,
      );
    }
    for (let i = 0; i < shape.agenciesPerDistrict; i++) {
      const [type, prefix] = agencyKinds[Math.floor(next() * 3)];
      add(type, 'district', d.id, prefix, null);
    }
  }
  for (let i = 0; i < shape.provincialAgencies; i++) {
    const k = Math.floor(next() * 3);
    const [type, prefix] = agencyKinds[k];
    add(type, 'province', null, prefix, BLOCKS[k]);
  }
  return units;
}
