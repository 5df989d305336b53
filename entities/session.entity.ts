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
}
