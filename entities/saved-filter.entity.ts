import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user's named filter of the dossier list ("Quá hạn huyện Na Hang"), kept as its query string. */
@Entity('saved_filters')
@Index(['userId', 'name'], { unique: true })
export class SavedFilter {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The list's query string (state=…&year=…), validated as the list's filters when saved. */
  @Column({ type: 'varchar', length: 1000 })
  query: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;
}
