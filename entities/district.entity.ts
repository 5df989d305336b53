import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** District-level unit (huyện, thành phố thuộc tỉnh). Provinces reorganized in 2025 have none. */
@Entity('districts')
@Index(['provinceId', 'code'], { unique: true })
export class District {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** e.g. "Huyện Na Hang", "Thành phố Tuyên Quang". */
  @Column({ type: 'varchar', length: 200 })
  name: string;
}
