import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ScoreStage } from '../machines/domain';

/** Points given to one criterion of a dossier at one stage (self, district, provincial). */
@Entity('scores')
@Index(['dossierId', 'stage', 'criterionCode'], { unique: true })
export class Score {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  dossierId: string;

  @Column({ type: 'varchar', length: 16 })
  stage: ScoreStage;

  @Column({ type: 'varchar', length: 32 })
  criterionCode: string;

  @Column({ type: 'integer' })
  points: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 36 })
  updatedById: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt: string;
}
