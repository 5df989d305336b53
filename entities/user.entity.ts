import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../machines/domain';
import type { SignerPosition } from './decision.entity';

/** An account. Scope: a unit officer has a unit, a district reviewer a district, provincial roles a province. */
@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ type: 'varchar', length: 36, nullable: true })
  provinceId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  districtId: string | null;

  /** For a unit officer, the unit they act for; for anyone else, the unit they work in (if any). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  /** A signer's position in the People's Committee (Chủ tịch / Phó Chủ tịch); null for other roles. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  position: SignerPosition | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Where e-mail notifications go; null: in the product only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** The notification kinds that also come by e-mail, comma-separated ('' for none). */
  @Column({ type: 'varchar', length: 200, default: '' })
  mailKinds: string;

  /** Those e-mails gathered into one a day (bản tin hằng ngày) instead of one per notification. */
  @Column({ type: 'boolean', default: false })
  mailDigest: boolean;

  /** Set by an admin reset (one-time password): nothing else works until the user chooses their own. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** A demo account (shared password, shown on the login page); never set for a real one. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;
}
