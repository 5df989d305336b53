import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DECISION_KINDS = ['recognition', 'award', 'revocation'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** The position of the leader who signs (Chủ tịch or Phó Chủ tịch Ủy ban nhân dân tỉnh). */
export const SIGNER_POSITIONS = ['chairman', 'vice_chairman'] as const;
export type SignerPosition = (typeof SIGNER_POSITIONS)[number];

/**
 * A decision (Quyết định) of the provincial People's Committee through its lifecycle (machines/
 * decision.machine.ts): drafted with its proposal, signed by the assigned leader, numbered and issued by
 * the văn thư. Issued decisions never change.
 */
@Entity('decisions')
@Index(['provinceId', 'year', 'number'], { unique: true })
@Index(['state'])
export class Decision {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DecisionKind;

  /** draft, submitted, signed, issued, cancelled (the decision machine's states). */
  @Column({ type: 'varchar', length: 16, default: 'issued' })
  state: string;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 32, default: 'decision@1' })
  machineVersion: string;

  /** The register's year (the year of issue); numbers restart at 1 each year. Null until issued. */
  @Column({ type: 'integer', nullable: true })
  year: number | null;

  @Column({ type: 'integer', nullable: true })
  number: number | null;

  /** Number and symbol as printed, e.g. "05/QĐ-UBND"; null until issued. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  numberText: string | null;

  /** The movement year the decision recognizes or awards. */
  @Column({ type: 'integer' })
  achievementYear: number;

  /** Date the leader signed, YYYY-MM-DD (business time zone); null until signed. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  signedAt: string | null;

  /** Date of issue given by the văn thư with the number (the date printed); null until issued. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  issuedAt: string | null;

  /** The leader assigned to sign (a user with the signer role). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  signerId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  signerPosition: SignerPosition | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signerName: string | null;

  /** The position as printed under older decisions (free text before positions were data). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  signerTitle: string | null;

  /** The proposal (Tờ trình) the decision answers: its number, date and the body that made it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  proposalNumber: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  proposalDate: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  proposalBody: string | null;

  /** Why the signer last returned the draft. */
  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  /** For a revocation: the decision whose recognition or award is revoked, and why. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  revokesDecisionId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  updatedAt: string | null;

  /** SHA-256 of the decision's PDF as generated at issue (what the register's copy must match). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  documentSha256: string | null;

  /** The scan of the copy signed and sealed on paper, attached by the văn thư after issue. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  scanStorageKey: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  scanFileName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  scanSha256: string | null;

  /** The revision the leader signed (digitally), under the documents directory; null before SIGN. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  signedDocumentKey: string | null;

  /** Where the signed revision's blanks and signature are (JSON), for the văn thư's step. */
  @Column({ type: 'text', nullable: true })
  signingLayout: string | null;

  /** The issued document: the signed revision with number, date and the organization's signature. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  issuedDocumentKey: string | null;
}
