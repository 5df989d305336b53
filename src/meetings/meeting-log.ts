import type { EntityManager } from 'typeorm';
import { Meeting, MeetingAttendee, MeetingEvent } from '../../entities';
import { insertNotifications } from '../notifications/notifications.service';
import type { CurrentUser } from '../auth/current-user';
import { newId } from '../db/ids';
import { ConflictError } from '../http/errors';

/** Appends one step of a meeting (who, when, from, to, reason) in the caller's transaction. */
export async function appendMeetingEvent(
  em: EntityManager,
  entry: {
    meetingId: string;
    actor: CurrentUser;
    at: string;
    type: string;
    from: string | null;
    to: string;
    reason?: string | null;
    details?: Record<string, unknown> | null;
  },
): Promise<void> {
  await em.insert(MeetingEvent, {
    id: newId(),
    meetingId: entry.meetingId,
    at: entry.at,
    actorId: entry.actor.id,
    actorUsername: entry.actor.username,
    type: entry.type,
    from: entry.from,
    to: entry.to,
    reason: entry.reason ?? null,
    // simple-json column: TypeORM's insert type does not see through it.
    details: (entry.details ?? null) as MeetingEvent['details'] & object,
  });
}

/** Moves the meeting to `to` if nobody changed it since `version` was read (409 otherwise). */
export async function moveMeeting(
  em: EntityManager,
  meeting: Meeting,
  to: string,
  at: string,
  changes: Partial<Meeting> = {},
): Promise<Meeting> {
  const result = await em
    .createQueryBuilder()
    .update(Meeting)
    .set({ ...changes, state: to, updatedAt: at, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id: meeting.id, version: meeting.version })
    .execute();
  if (result.affected !== 1) {
    throw new ConflictError('stale_version', 'Phiên họp vừa thay đổi; hãy tải lại trang.', {
      currentVersion: meeting.version + 1,
    });
  }
  return { ...meeting, ...changes, state: to, updatedAt: at, version: meeting.version + 1 };
}

/** A meeting's steps, oldest first. */
export function meetingHistory(em: EntityManager, meetingId: string) {
  return em.find(MeetingEvent, { where: { meetingId }, order: { at: 'ASC', id: 'ASC' } });
}

/** Tells every member on the attendance sheet (in the step's transaction; once per key). */
export async function notifyMembers(
  em: EntityManager,
  meeting: Meeting,
  message: string,
  key: string,
  at: string,
) {
  const attendees = await em.find(MeetingAttendee, { where: { meetingId: meeting.id } });
  await insertNotifications(
    em,
    attendees.map((a) => ({
      userId: a.userId,
      dossierId: null,
      kind: 'action_required' as const,
      message,
      dedupeKey: `meeting:${meeting.id}:${key}`,
    })),
    at,
  );
}
