import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One legal basis ("Căn cứ …") a province's decisions of a kind cite, in order, with its number and date
 * in the text. Kept by the admin; a province with none for a kind cites the product's defaults.
 */
@Entity('legal_bases')
@Index(['provinceId', 'kind', 'position'], { unique: true })
export class LegalBasis {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  /** recognition, award or revocation. */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'integer' })
  position: number;

  /** e.g. "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025". */
  @Column({ type: 'varchar', length: 500 })
  text: string;
}
