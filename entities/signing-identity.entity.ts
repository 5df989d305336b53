import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signing identity: a leader's or the organization's certificate, with — for keys held by the server —
 * its PKCS#12 store (encrypted by a password derived from the environment's signing secret) and the image
 * its visible signature shows (the leader's signature, blue; the seal, red; transparent PNG).
 */
@Entity('signing_identities')
@Index(['provinceId', 'holder', 'userId'])
export class SigningIdentity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  /** `person` (a leader, with userId) or `organization` (the People's Committee's seal). */
  @Column({ type: 'varchar', length: 16 })
  holder: 'person' | 'organization';

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** The signing certificate and its issuers, PEM. */
  @Column({ type: 'text' })
  chainPem: string;

  /** SHA-256 of the signing certificate (DER), hex. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** The PKCS#12 store, base64; null for a certificate whose key stays on the holder's token. */
  @Column({ type: 'text', nullable: true })
  pkcs12: string | null;

  /** The visible signature's image, base64 PNG. */
  @Column({ type: 'text', nullable: true })
  imagePng: string | null;

  /** Made by the demo (its images are marked "MẪU"). */
  @Column({ type: 'boolean', default: false })
  sample: boolean;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;
}

/** A root certificate signatures must chain to (the government CA's root; the demo's own). */
@Entity('trusted_roots')
export class TrustedRoot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'text' })
  certificatePem: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  fingerprint: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'boolean', default: false })
  sample: boolean;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;
}
