import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A login session, kept in the database so that every server instance sees it. */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  sid: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  expiresAt: string;

  @Column({ type: 'text' })
  data: string;

  /** The logged-in user (null before login); read with the session in one query. */
  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;
}
