import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One step of a decision's lifecycle (who, when, from, to, reason), append-only. */
@Entity('decision_events')
@Index(['decisionId', 'at'])
export class DecisionEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  decisionId: string;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  actorUsername: string;

  @Column({ type: 'varchar', length: 32 })
  actorRole: string;

  /** CREATE, UPDATE, SUBMIT, RETURN, SIGN, ISSUE, CANCEL. */
  @Column({ type: 'varchar', length: 20 })
  type: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  from: string | null;

  @Column({ type: 'varchar', length: 16 })
  to: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;
}
