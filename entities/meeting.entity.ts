import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CouncilPosition, CouncilPurpose } from './council.entity';

/** A council meeting (phiên họp); its lifecycle is machines/meeting.machine.ts. */
@Entity('meetings')
@Index(['provinceId', 'state'])
export class Meeting {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  councilId: string;

  @Column({ type: 'varchar', length: 36 })
  provinceId: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: CouncilPurpose;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  machineVersion: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 300 })
  location: string;

  /** When the meeting is held (ISO instant). */
  @Column({ type: 'varchar', length: 32 })
  meetingAt: string;

  /** The public posting: from convening to the end of its last working day (ISO instants). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  postingStartsAt: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  postingEndsAt: string | null;

  /** Members of the council when it was convened: the denominator of "all members". */
  @Column({ type: 'integer', default: 0 })
  memberCount: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  openedAt: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  closedAt: string | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** The minutes (biên bản) as rendered once at closing; served from these bytes ever after. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  minutesKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  minutesSha256: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt: string;
}

/**
 * One dossier on the agenda with its tally. The tally is the only trace of the choices: no row says who
 * chose what, and it is shown only once the meeting has closed.
 */
@Entity('meeting_items')
@Index(['meetingId'])
@Index(['dossierId'])
export class MeetingItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  dossierId: string;

  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: 'varchar', length: 300 })
  unitName: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'integer', default: 0 })
  yes: number;

  @Column({ type: 'integer', default: 0 })
  no: number;

  /** `approved` / `not_approved`, set when the meeting closes. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  result: 'approved' | 'not_approved' | null;
}

/** A member on the meeting's attendance sheet, as the council stood when it was convened. */
@Entity('meeting_attendees')
@Index(['meetingId'])
export class MeetingAttendee {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  position: CouncilPosition;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The member's unit, if any: a member never votes on their own unit. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  signedInAt: string | null;
}

/** That a member voted on a dossier — never what. One per member and dossier. */
@Entity('meeting_ballots')
@Index(['itemId', 'attendeeId'], { unique: true })
export class MeetingBallot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  itemId: string;

  @Column({ type: 'varchar', length: 36 })
  attendeeId: string;

  /** A written vote (phiếu bằng văn bản) of an absent member, entered by the secretary. */
  @Column({ type: 'boolean' })
  written: boolean;

  /** The scanned paper of a written vote (under the evidence directory). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  scanKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  scanSha256: string | null;
}

/** One step of a meeting (who, when, from, to, reason), append-only. Never a member's choice. */
@Entity('meeting_events')
@Index(['meetingId', 'at'])
export class MeetingEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  actorUsername: string;

  @Column({ type: 'varchar', length: 20 })
  type: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  from: string | null;

  @Column({ type: 'varchar', length: 16 })
  to: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;
}
