import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A public holiday (ngày nghỉ lễ, Tết) excluded from working-day deadlines, kept by the admin. */
@Entity('holidays')
export class Holiday {
  /** YYYY-MM-DD */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}
