import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a receipt (phiếu tiếp nhận) states, frozen at the submission it acknowledges. */
export interface ReceiptFacts {
  code: string;
  unitName: string;
  districtName: string | null;
  year: number;
  /** The body that receives the dossier: the district's 138 committee, or the province's standing office. */
  receivedBy: string;
  /** That body's heading lines (Nghị định 30: managing body above, the body itself in bold). */
  issuerLines: string[];
  /** The place named in the date line. */
  place: string;
  scoredCriteria: number;
  criteriaCount: number;
  selfTotal: number;
  maxTotal: number;
  hasReport: boolean;
  evidenceFiles: number;
  evidenceCriteria: number;
  /** The next stage's due date (end of day, ISO), null when the stage has none. */
  dueAt: string | null;
  nextStage: string;
}

/**
 * A receipt for one submission of a dossier (the first, or a resubmission after a return): its facts are
 * written in the submission's transaction; its PDF, rendered once from them, is kept with its SHA-256.
 */
@Entity('dossier_receipts')
@Index(['dossierId', 'sequence'], { unique: true })
export class DossierReceipt {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  dossierId: string;

  /** 1 for the first submission, 2 for the resubmission after the first return, … */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'varchar', length: 32 })
  submittedAt: string;

  @Column({ type: 'simple-json' })
  facts: ReceiptFacts;

  @Column({ type: 'varchar', length: 120, nullable: true })
  documentKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  documentSha256: string | null;
}
