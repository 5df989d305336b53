import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A forgot-password link: only the SHA-256 of its token is kept, so the table cannot be read back into
 * links; single use (`usedAt`) and short-lived (`expiresAt`).
 */
@Entity('password_resets')
@Index(['tokenHash'], { unique: true })
@Index(['userId'])
export class PasswordReset {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32 })
  expiresAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  usedAt: string | null;
}
