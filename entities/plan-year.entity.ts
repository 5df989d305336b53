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

  /** The 6-month report is due before this day (seed 003: before 10/6). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  sixMonthReportDeadline: string | null;

  /** The annual report is due before this day (seed 003: before 10/11). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  annualReportDeadline: string | null;
}
