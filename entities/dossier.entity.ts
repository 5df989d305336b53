import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DossierContext, DossierState } from '../machines/dossier.machine';
import type { UnitType } from '../machines/domain';

/** The machine's persisted snapshot, with the machine version that wrote it. */
export interface StoredSnapshot {
  value: DossierState;
  context: DossierContext;
}

/**
 * A nomination dossier (hồ sơ đề nghị công nhận), one per unit and year. The unit's province, district and
 * type are copied in so that jurisdiction filters and lists stay on indexes of this one table.
 */
/** Working days a dossier has spent in each timed stage (the clock stops while it is returned). */
export type StageDaysUsed = Partial<Record<DossierState, number>>;

@Entity('dossiers')
@Index(['unitId', 'year'], { unique: true })
@Index(['provinceId', 'state', 'updatedAt'])
@Index(['districtId', 'state', 'updatedAt'])
@Index(['provinceId', 'year', 'updatedAt'])
@Index(['provinceId', 'updatedAt'])
@Index(['updatedAt'])
@Index('IDX_dossiers_province_due', ['provinceId', 'dueAt'])
@Index(['code'], { unique: true })
export class Dossier {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The code people quote (TQ-2026-000123): province, year, number in the order dossiers were opened. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  districtId: string | null;

  @Column({ type: 'varchar', length: 20 })
  unitType: UnitType;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 32 })
  state: DossierState;

  /** Increases by one on every change; writes are `UPDATE … WHERE version = :v`. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  machineVersion: string;

  @Column({ type: 'simple-json' })
  snapshot: StoredSnapshot;

  /** The criteria-set version the dossier was opened with and is scored against. */
  @Column({ type: 'varchar', length: 36 })
  criteriaSetId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  planYearId: string | null;

  /** The unit's report (báo cáo) accompanying the self-assessment. */
  @Column({ type: 'text', nullable: true })
  report: string | null;

  @Column({ type: 'varchar', length: 32 })
  stageEnteredAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  dueAt: string | null;

  /** When the unit first submitted (for "submitted" counts in reports); null until then. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  submittedAt: string | null;

  /**
   * Working days already spent in each reviewing stage on earlier visits: the clock stops while a dossier
   * is returned and resumes with what is left when it comes back.
   */
  @Column({ type: 'simple-json', default: '{}' })
  stageDaysUsed: StageDaysUsed;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt: string;
}
