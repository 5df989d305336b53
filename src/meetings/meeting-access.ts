import { IsNull, type EntityManager } from 'typeorm';
import { Council, CouncilMember, Meeting, MeetingAttendee } from '../../entities';
import type { CouncilPosition } from '../../entities/council.entity';
import type { CouncilPart } from '../../machines/meeting.machine';
import type { CurrentUser } from '../auth/current-user';
import { may } from '../auth/permissions';
import { NotFoundError } from '../http/errors';
import { meetingHasTag, partOf } from './meeting-rules';

/** Whether the user is a current member of the council. */
export async function membershipOf(em: EntityManager, user: CurrentUser, councilId: string) {
  return em.findOne(CouncilMember, { where: { councilId, userId: user.id, removedAt: IsNull() } });
}

/** Whether the user may see the council's meetings: its members and the province's following roles. */
export async function followsCouncil(em: EntityManager, user: CurrentUser, council: Council) {
  const ownProvince =
    user.provinceId === council.provinceId || user.role === 'admin' || user.role === 'ministry';
  // Those who read the province's decisions follow the meetings that lead to them.
  if (ownProvince && may(user, 'decision.read')) return true;
  return (await membershipOf(em, user, council.id)) !== null;
}

/** The meeting if this user may see it; 404 otherwise (its existence is not revealed). */
export async function getMeetingForUser(em: EntityManager, user: CurrentUser, id: string) {
  const meeting = await em.findOne(Meeting, { where: { id } });
  const council = meeting ? await em.findOne(Council, { where: { id: meeting.councilId } }) : null;
  if (!meeting || !council || !(await followsCouncil(em, user, council))) {
    throw new NotFoundError('meeting_not_found', 'Không tìm thấy phiên họp.');
  }
  return { meeting, council };
}

export interface Seat {
  /** The machine's part, null for someone outside the council. */
  part: CouncilPart | null;
  position: CouncilPosition | null;
  /** The user's line on the attendance sheet, once the meeting is convened. */
  attendee: MeetingAttendee | null;
}

/**
 * The user's seat at this meeting: from the attendance sheet once convened (the council as it stood
 * then), from the current membership before.
 */
export async function seatOf(em: EntityManager, user: CurrentUser, meeting: Meeting): Promise<Seat> {
  const attendee = await em.findOne(MeetingAttendee, { where: { meetingId: meeting.id, userId: user.id } });
  if (attendee) return { part: partOf(attendee.position), position: attendee.position, attendee };
  if (!meetingHasTag(meeting.state, 'editable')) return { part: null, position: null, attendee: null };
  const member = await membershipOf(em, user, meeting.councilId);
  return { part: partOf(member?.position ?? null), position: member?.position ?? null, attendee: null };
}
