import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A province's plan (Kế hoạch) for building model units over a period of years. */
@Entity('plans')
export class Plan {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  /** The plan's number and symbol, e.g. "45/KH-UBND". */
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'integer' })
  startYear: number;

  @Column({ type: 'integer' })
  endYear: number;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  updatedAt: string;

  /** Increases on every edit; edits are `UPDATE … WHERE version = :v`. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
