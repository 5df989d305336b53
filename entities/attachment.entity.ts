import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An evidence file (minh chứng). Stored on disk under a generated key; the original name is only shown. */
@Entity('attachments')
@Index(['dossierId', 'removedAt'])
export class Attachment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  dossierId: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  criterionCode: string | null;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 100 })
  mimeType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Path relative to the attachments directory; generated, never derived from the file name. */
  @Column({ type: 'varchar', length: 128 })
  storageKey: string;

  @Column({ type: 'varchar', length: 36 })
  uploadedById: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  /** Removed evidence stays on disk and in the audit trail but no longer counts. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  removedAt: string | null;
}
