import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A written comment from the public on a posted nominee (ý kiến nhân dân). The author's name, phone and
 * address are never shown publicly and are erased once the council's retention period has passed.
 */
@Entity('public_comments')
@Index(['meetingId', 'itemId'])
@Index(['clientHash', 'createdAt'])
export class PublicComment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  itemId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  authorName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  authorPhone: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  authorAddress: string | null;

  /** A keyed hash of the client's address, for the abuse limits; never the address itself. */
  @Column({ type: 'varchar', length: 64 })
  clientHash: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  /** When the personal data must be gone. */
  @Column({ type: 'varchar', length: 32 })
  eraseAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  erasedAt: string | null;

  /** How the secretary handled it (cách xử lý). */
  @Column({ type: 'text', nullable: true })
  handling: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  handledById: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  handledAt: string | null;
}

/** Each time someone saw commenters' personal data: who, when, which meeting, how many comments. */
@Entity('comment_access_log')
@Index(['meetingId', 'at'])
export class CommentAccess {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ type: 'integer' })
  commentCount: number;
}
