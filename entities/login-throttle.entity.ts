import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed logins per username, kept in the database so that every server instance counts the same
 * attempts (a per-process counter would let an attacker spread guesses over instances).
 */
@Entity('login_throttles')
export class LoginThrottle {
  /** The username, lower-cased. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'integer' })
  failures: number;

  /** Start of the counting window (ISO instant). */
  @Column({ type: 'varchar', length: 32 })
  windowStart: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  lockedUntil: string | null;
}
