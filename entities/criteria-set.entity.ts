import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UnitType } from '../machines/domain';

/** A versioned criteria set (bộ tiêu chí). Dossiers keep the version they were opened with. */
@Entity('criteria_sets')
@Index(['code', 'version'], { unique: true })
export class CriteriaSet {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'simple-json' })
  unitTypes: UnitType[];

  @Column({ type: 'integer' })
  passingScore: number;

  /** The active version of a code is the one new dossiers are opened with. */
  @Column({ type: 'boolean', default: false })
  active: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  legalBasis: string | null;

  /**
   * The Ministry's official set (QĐ 9745/QĐ-BCA-V05): only then do decisions cite its legal basis. The
   * product's own reconstruction is not official.
   */
  @Column({ type: 'boolean', default: false })
  official: boolean;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;
}
