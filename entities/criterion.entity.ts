import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One criterion (tiêu chí) of a criteria set. */
@Entity('criteria')
@Index(['criteriaSetId', 'code'], { unique: true })
export class Criterion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  criteriaSetId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  groupTitle: string | null;

  @Column({ type: 'integer' })
  maxPoints: number;

  @Column({ type: 'boolean' })
  mandatory: boolean;

  @Column({ type: 'boolean' })
  evidenceRequired: boolean;

  /** Points from which the criterion counts as met (đạt); null means full points. */
  @Column({ type: 'integer', nullable: true })
  metAt: number | null;
}
