import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a council decides: the award proposals (Bằng khen) or the recognition of model units. */
export const COUNCIL_PURPOSES = ['award', 'recognition'] as const;
export type CouncilPurpose = (typeof COUNCIL_PURPOSES)[number];

/** A member's part in the council (chủ tịch, phó chủ tịch, thư ký, ủy viên). */
export const COUNCIL_POSITIONS = ['chair', 'vice_chair', 'secretary', 'member'] as const;
export type CouncilPosition = (typeof COUNCIL_POSITIONS)[number];

/**
 * A province's council (Hội đồng Thi đua – Khen thưởng, or the 138 committee appraising in a meeting):
 * one per purpose, its term, and the rule it votes by — configuration the admin keeps, never constants.
 */
@Entity('councils')
@Index(['provinceId', 'purpose'], { unique: true })
export class Council {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: CouncilPurpose;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** The term (nhiệm kỳ), YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  termStart: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  termEnd: string | null;

  @Column({ type: 'integer' })
  quorumPercent: number;

  @Column({ type: 'boolean' })
  writtenVotesAllowed: boolean;

  @Column({ type: 'integer' })
  thresholdPercent: number;

  /** `members`: of all the council's members; `votes_cast`: of the votes cast. */
  @Column({ type: 'varchar', length: 16 })
  denominator: 'members' | 'votes_cast';

  /** `at_least` (≥) or `more_than` (>). */
  @Column({ type: 'varchar', length: 16 })
  comparison: 'at_least' | 'more_than';

  /** Working days the nominees stay on the public page before the meeting may open. */
  @Column({ type: 'integer' })
  postingWorkingDays: number;

  /** Days a commenter's name, phone and address are kept after the comment. */
  @Column({ type: 'integer' })
  commentRetentionDays: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  updatedAt: string;
}

/** A council member: an account of the province, with its part and its title in the council. */
@Entity('council_members')
@Index(['councilId', 'removedAt'])
export class CouncilMember {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  councilId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  position: CouncilPosition;

  /** The member's office, printed in the minutes (e.g. "Giám đốc Sở Nội vụ"). */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 32 })
  addedAt: string;

  /** A member who left stays in past meetings' minutes. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  removedAt: string | null;
}
