import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReportState } from '../machines/report.machine';

/**
 * A progress report owed by a body (the province's, through Công an tỉnh; or a district's 138 committee)
 * for a period: drafted with its own parts, then issued — numbered in the body's register, its figures
 * (JSON) and PDF kept as issued with the PDF's SHA-256. Later events never change an issued report.
 */
@Entity('progress_reports')
@Index(['provinceId', 'districtId', 'year', 'period'])
export class ProgressReportRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  /** The district whose report it is; null for the province's. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  districtId: string | null;

  @Column({ type: 'integer' })
  year: number;

  /** six_month or annual. */
  @Column({ type: 'varchar', length: 16 })
  period: 'six_month' | 'annual';

  @Column({ type: 'varchar', length: 16 })
  state: ReportState;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /** The report's own parts: strengths, shortcomings, causes, next period's tasks, proposals. */
  @Column({ type: 'text', default: '' })
  strengths: string;

  @Column({ type: 'text', default: '' })
  shortcomings: string;

  @Column({ type: 'text', default: '' })
  causes: string;

  @Column({ type: 'text', default: '' })
  nextTasks: string;

  @Column({ type: 'text', default: '' })
  proposals: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signerName: string | null;

  /** e.g. "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN". */
  @Column({ type: 'varchar', length: 100, nullable: true })
  signerPosition: string | null;

  @Column({ type: 'integer', nullable: true })
  number: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  numberText: string | null;

  /** The issue date (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  issuedAt: string | null;

  /** The figures as issued (the report's JSON), frozen. */
  @Column({ type: 'text', nullable: true })
  figures: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  documentKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  documentSha256: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt: string;
}
