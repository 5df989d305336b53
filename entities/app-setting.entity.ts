import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Installation-wide settings shared by all instances (e.g. the session secret). */
@Entity('app_settings')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
