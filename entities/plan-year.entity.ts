import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One year of a plan with its deadlines (dates are YYYY-MM-DD in the business time zone). */
@Entity('plan_years')
@Index(['planId', 'year'], { unique: true })
@Index(['provinceId', 'year'])
export class PlanYear {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  planId: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  registrationDeadline: string | null;

  /** Dossiers may be opened, and submitted, until the end of this day. */
  @Column({ type: 'varchar', length: 10 })
  submissionDeadline: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  districtReviewDeadline: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  appraisalDeadline: string | null;
}
