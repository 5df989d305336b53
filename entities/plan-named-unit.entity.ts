import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A unit the plan names for a year: it must be recognized that year (seed 003: the ten communes of 2023). */
@Entity('plan_named_units')
@Index(['planId', 'year', 'unitId'], { unique: true })
export class PlanNamedUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  planId: string;

  @Column({ type: 'integer' })
  year: number;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: 'integer' })
  position: number;
}
