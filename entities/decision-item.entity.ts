import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One unit named in a decision, with what was printed about it (names are copied so that issued
 * documents never change when a unit is renamed later).
 */
@Entity('decision_items')
@Index(['decisionId', 'position'], { unique: true })
@Index(['dossierId'])
export class DecisionItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  decisionId: string;

  @Column({ type: 'varchar', length: 36 })
  dossierId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 300 })
  unitName: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  districtName: string | null;

  @Column({ type: 'varchar', length: 20 })
  unitType: string;

  /** Serial of the certificate or award (not sequential: it cannot be guessed). */
  @Column({ type: 'varchar', length: 40, nullable: true, unique: true })
  serial: string | null;

  /** Award register number (số sổ vàng), sequential per issuer. */
  @Column({ type: 'integer', nullable: true })
  registerNumber: number | null;

  /** The certificate or Bằng khen as issued and signed by the organization; made once, then served as is. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  documentKey: string | null;
}
