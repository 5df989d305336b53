import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ManagedBy, UnitType } from '../machines/domain';

/** Unit tags used by plans and reports (new-rural status, "An toàn về ANTT", priority groups). */
export const UNIT_TAGS = ['ntm', 'ntm_nang_cao', 'ntm_kieu_mau', 'an_toan_antt', 'duong_van_minh'] as const;
export type UnitTag = (typeof UNIT_TAGS)[number];

/**
 * A known tag, or a new-rural tag with the year the standard was reached ("ntm_2024": về đích nông thôn
 * mới năm 2024), which yearly targets such as "100% các xã về đích nông thôn mới năm 2024" select.
 */
export function isUnitTag(tag: string): boolean {
  return (
    (UNIT_TAGS as readonly string[]).includes(tag) || /^(ntm|ntm_nang_cao|ntm_kieu_mau)_\d{4}$/.test(tag)
  );
}

/** A unit that can become a model unit: commune-level, or an agency, enterprise or school. */
@Entity('units')
@Index(['provinceId', 'code'], { unique: true })
export class Unit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  districtId: string | null;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** Full name, e.g. "Xã Thượng Nông". */
  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** Lower-case name without diacritics, for accent-insensitive search. */
  @Column({ type: 'varchar', length: 300 })
  searchName: string;

  @Column({ type: 'varchar', length: 20 })
  type: UnitType;

  /** Whose review chain the unit's dossiers follow: district review first, or straight to the province. */
  @Column({ type: 'varchar', length: 10 })
  managedBy: ManagedBy;

  @Column({ type: 'simple-json' })
  tags: string[];

  /** Provincial block (khối) for province-managed agencies, enterprises and schools. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  block: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
