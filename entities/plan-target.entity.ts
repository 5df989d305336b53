import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ManagedBy, UnitType } from '../machines/domain';

/** How a target is measured: a share of the eligible units, or a number of units. */
export type TargetMeasure = 'percent' | 'count';
/**
 * Where a target applies: once for the whole province, or to each district (huyện) or each provincial
 * block (khối cơ quan, doanh nghiệp, cơ sở giáo dục thuộc cấp tỉnh quản lý) separately.
 */
export type TargetBreakdown = 'province' | 'district' | 'block';

/**
 * One target (chỉ tiêu) of a plan for a year, e.g. "30% số phường" or "mỗi khối … có từ 02 đơn vị trở lên".
 * The eligible units are those of `unitTypes` that pass every filter; the achievement is the number of
 * them recognized (in `year`, or in any year of the plan up to `year` when `cumulative`).
 */
@Entity('plan_targets')
@Index(['planId', 'year', 'position'], { unique: true })
export class PlanTarget {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  planId: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  position: number;

  /** The target as the plan words it. */
  @Column({ type: 'varchar', length: 500 })
  label: string;

  @Column({ type: 'simple-json' })
  unitTypes: UnitType[];

  /** A unit is eligible only if it carries at least one of these tags (empty: no tag filter). */
  @Column({ type: 'simple-json' })
  tagsAny: string[];

  /** Restricts to units of these districts (by id; empty: all districts). */
  @Column({ type: 'simple-json' })
  districtIds: string[];

  @Column({ type: 'varchar', length: 10, nullable: true })
  managedBy: ManagedBy | null;

  @Column({ type: 'varchar', length: 10 })
  measure: TargetMeasure;

  /** Percent (0–100) or number of units, per group of the breakdown. */
  @Column({ type: 'integer' })
  value: number;

  @Column({ type: 'varchar', length: 10 })
  breakdown: TargetBreakdown;

  /** Counts units recognized in any year of the plan up to `year` (a "by 2025" target). */
  @Column({ type: 'boolean' })
  cumulative: boolean;
}
