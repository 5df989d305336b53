import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The award dossier beside a recognized unit's dossier (hồ sơ đề nghị khen thưởng): the proposal (Tờ
 * trình: number, date), the unit's achievement report (báo cáo thành tích), and Sở Nội vụ's appraisal.
 */
@Entity('award_proposals')
export class AwardProposal {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  dossierId: string;

  @Column({ type: 'varchar', length: 64 })
  proposalNumber: string;

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 })
  proposalDate: string;

  @Column({ type: 'varchar', length: 255 })
  reportFileName: string;

  /** Under the evidence directory; generated, never derived from the file name. */
  @Column({ type: 'varchar', length: 128 })
  reportKey: string;

  @Column({ type: 'varchar', length: 64 })
  reportSha256: string;

  @Column({ type: 'varchar', length: 36 })
  proposedById: string;

  @Column({ type: 'varchar', length: 32 })
  proposedAt: string;

  @Column({ type: 'text', nullable: true })
  appraisalOpinion: string | null;

  /** An optional score (0–100) with the opinion. */
  @Column({ type: 'integer', nullable: true })
  appraisalScore: number | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  appraisedById: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  appraisedAt: string | null;
}
