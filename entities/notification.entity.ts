import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_KINDS = ['action_required', 'outcome', 'due_tomorrow', 'overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * An in-app notification (thông báo) for one user about one dossier. `dedupeKey` is unique per user, so a
 * job run twice, or by two instances at once, notifies once.
 */
@Entity('notifications')
@Index(['userId', 'dedupeKey'], { unique: true })
@Index(['userId', 'readAt', 'createdAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  dossierId: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 500 })
  message: string;

  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  readAt: string | null;
}
