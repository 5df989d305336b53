import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../machines/domain';

/**
 * An append-only audit event of a dossier. `hash` covers the event and the previous event's hash, so an
 * edited or deleted row breaks the chain (`npm run cli -- audit:verify`).
 */
@Entity('audit_events')
@Index(['dossierId', 'seq'], { unique: true })
@Index(['at'])
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  dossierId: string;

  /** 1, 2, 3… per dossier; the unique index makes two writers of the same step collide. */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  actorUsername: string;

  @Column({ type: 'varchar', length: 32 })
  actorRole: Role | 'system';

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  toState: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
