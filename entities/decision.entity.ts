import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DECISION_KINDS = ['recognition', 'award', 'revocation'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** A numbered decision (Quyết định) of the provincial People's Committee. Issued decisions never change. */
@Entity('decisions')
@Index(['provinceId', 'year', 'number'], { unique: true })
export class Decision {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DecisionKind;

  /** Numbering year (the year of `signedAt`); numbers restart at 1 each year. */
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  number: number;

  /** Number and symbol as printed, e.g. "15/QĐ-UBND". */
  @Column({ type: 'varchar', length: 64 })
  numberText: string;

  /** The movement year the decision recognizes or awards. */
  @Column({ type: 'integer' })
  achievementYear: number;

  /** Date of signature, YYYY-MM-DD (business time zone); also the PDFs' creation date. */
  @Column({ type: 'varchar', length: 10 })
  signedAt: string;

  @Column({ type: 'varchar', length: 200 })
  signerName: string;

  @Column({ type: 'varchar', length: 200 })
  signerTitle: string;

  /** For a revocation: the decision whose recognition or award is revoked, and why. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  revokesDecisionId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;
}
