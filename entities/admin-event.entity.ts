import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An append-only record of an administrative change outside the dossier lifecycle: accounts (created,
 * locked, password reset, role changed), units, criteria-set versions, plans. Dossiers have their own
 * hash-chained `audit_events`.
 */
@Entity('admin_events')
@Index(['at'])
export class AdminEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  actorUsername: string;

  /** e.g. `user.created`, `user.locked`, `unit.imported`, `criteria.activated`, `plan.updated`. */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 20 })
  targetType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  /** What changed, in Vietnamese, as the audit page shows it. */
  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;
}
