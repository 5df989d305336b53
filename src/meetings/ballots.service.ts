import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import { Meeting, MeetingAttendee, MeetingBallot, MeetingItem } from '../../entities';
import type { AppContext } from '../app-context';
import { attachmentsDir, copyUploadTo, sniffUpload } from '../attachments/attachment-files';
import type { UploadedFile } from '../attachments/attachments.service';
import type { CurrentUser } from '../auth/current-user';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, fieldRuleError, ForbiddenError, NotFoundError, RuleError } from '../http/errors';
import { getMeetingForUser, seatOf, type Seat } from './meeting-access';
import { appendMeetingEvent, moveMeeting } from './meeting-log';
import { everyoneVoted, mayVoteOn } from './meeting-results';
import { meetingHasTag, meetingNext } from './meeting-rules';
import { closeMeeting, assertTakes } from './meeting-steps.service';
import type { Choice } from './meeting.schemas';
import { storeMinutes } from './minutes.service';

/** A member signs the attendance sheet (điểm danh) of a convened or open meeting. */
export async function signIn(ctx: AppContext, user: CurrentUser, id: string) {
  return inTransaction(ctx.ds, async (em) => {
    const { meeting } = await getMeetingForUser(em, user, id);
    const seat = await seatOf(em, user, meeting);
    if (!meetingHasTag(meeting.state, 'attendance')) {
      throw new ConflictError('attendance_closed', 'Phiên họp không nhận điểm danh ở bước này.');
    }
    if (!seat.attendee)
      throw new ForbiddenError(
        'not_council_member',
        'Bạn không có tên trong danh sách thành viên phiên họp.',
      );
    if (seat.attendee.signedInAt) return seat.attendee;
    const at = ctx.clock().toISOString();
    await em.update(MeetingAttendee, { id: seat.attendee.id }, { signedInAt: at });
    await appendMeetingEvent(em, {
      meetingId: meeting.id,
      actor: user,
      at,
      type: 'SIGN_IN',
      from: meeting.state,
      to: meeting.state,
    });
    return { ...seat.attendee, signedInAt: at };
  });
}

async function itemOf(em: EntityManager, meeting: Meeting, itemId: string) {
  const item = await em.findOne(MeetingItem, { where: { id: itemId, meetingId: meeting.id } });
  if (!item)
    throw new NotFoundError('item_not_found', 'Hồ sơ không có trong chương trình phiên họp.', { itemId });
  return item;
}

/**
 * Counts one ballot: the voter is recorded, the tally grows, the choice is kept nowhere else. The meeting
 * row is touched first so concurrent ballots of one meeting run one after another (a row lock on
 * PostgreSQL, the single writer on SQLite), which keeps "everyone has voted" exact.
 */
async function countBallot(
  em: EntityManager,
  meeting: Meeting,
  item: MeetingItem,
  attendee: MeetingAttendee,
  choice: Choice,
  scan: { key: string; sha256: string } | null,
) {
  const exists = await em.findOne(MeetingBallot, { where: { itemId: item.id, attendeeId: attendee.id } });
  if (exists)
    throw new ConflictError('already_voted', `${attendee.name} đã biểu quyết hồ sơ ${item.unitName}.`);
  await em.insert(MeetingBallot, {
    id: newId(),
    meetingId: meeting.id,
    itemId: item.id,
    attendeeId: attendee.id,
    written: scan !== null,
    scanKey: scan?.key ?? null,
    scanSha256: scan?.sha256 ?? null,
  });
  const column = choice === 'yes' ? 'yes' : 'no';
  await em
    .createQueryBuilder()
    .update(MeetingItem)
    .set({ [column]: () => `"${column}" + 1` })
    .where('id = :id', { id: item.id })
    .execute();
}

const lockMeeting = (em: EntityManager, meeting: Meeting, at: string) =>
  em
    .createQueryBuilder()
    .update(Meeting)
    .set({ updatedAt: at })
    .where('id = :id', { id: meeting.id })
    .execute();

/** Closes the meeting with the last ballot; true when it closed. */
async function closeIfComplete(
  em: EntityManager,
  user: CurrentUser,
  meeting: Meeting,
  council: Parameters<typeof closeMeeting>[2],
  seat: Seat,
  at: string,
) {
  if (!(await everyoneVoted(em, meeting.id))) return false;
  const fresh = await em.findOneByOrFail(Meeting, { id: meeting.id });
  const step = await closeMeeting(em, fresh, council, seat, at);
  await moveMeeting(em, fresh, step.to, at, step.changes);
  await appendMeetingEvent(em, {
    meetingId: meeting.id,
    actor: user,
    at,
    type: 'CLOSE',
    from: fresh.state,
    to: step.to,
    details: { ...step.details, closedBy: 'last_vote' },
  });
  return true;
}

/** A member present votes đồng ý / không đồng ý on one dossier, secretly. */
export async function castVote(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  itemId: string,
  choice: Choice,
) {
  const closed = await inTransaction(ctx.ds, async (em) => {
    const { meeting, council } = await getMeetingForUser(em, user, id);
    const seat = await seatOf(em, user, meeting);
    assertTakes(meeting, seat, 'VOTE');
    const at = ctx.clock().toISOString();
    await lockMeeting(em, meeting, at);
    const item = await itemOf(em, meeting, itemId);
    const attendee = seat.attendee as MeetingAttendee;
    const alreadyVoted =
      (await em.count(MeetingBallot, { where: { itemId: item.id, attendeeId: attendee.id } })) > 0;
    const fromNominatedUnit = !mayVoteOn(attendee, item);
    const signedIn = attendee.signedInAt !== null;
    if (
      !meetingNext(meeting.state, {
        type: 'VOTE',
        part: seat.part,
        at,
        signedIn,
        alreadyVoted,
        fromNominatedUnit,
      })
    ) {
      if (alreadyVoted) throw new ConflictError('already_voted', 'Bạn đã biểu quyết hồ sơ này.');
      if (fromNominatedUnit)
        throw new ForbiddenError(
          'own_unit',
          'Thành viên thuộc đơn vị được đề nghị không biểu quyết hồ sơ của đơn vị mình.',
        );
      throw new ForbiddenError('not_signed_in', 'Bạn cần điểm danh trước khi biểu quyết.');
    }
    await countBallot(em, meeting, item, attendee, choice, null);
    await appendMeetingEvent(em, {
      meetingId: meeting.id,
      actor: user,
      at,
      type: 'VOTE',
      from: meeting.state,
      to: meeting.state,
      details: { itemId: item.id },
    });
    return closeIfComplete(em, user, meeting, council, seat, at);
  });
  if (closed) await storeMinutes(ctx, id);
  return { closed };
}

/** A fresh key per paper: a refused entry never overwrites a kept scan. */
const scanKeyOf = (meetingId: string, attendeeId: string) => `meetings/${meetingId}/${attendeeId}-${newId()}`;

/** Keeps the scanned paper of a written vote; 422 for anything but a PDF or an image. */
async function keepScan(
  ctx: AppContext,
  meetingId: string,
  attendeeId: string,
  upload: UploadedFile | undefined,
) {
  if (!upload || upload.size === 0) return null;
  const { mimeType } = await sniffUpload(upload);
  if (!mimeType || !(mimeType === 'application/pdf' || mimeType.startsWith('image/'))) {
    throw fieldRuleError('file', 'unsupported_file_type', 'Bản quét phiếu phải là tệp PDF hoặc ảnh.');
  }
  const key = scanKeyOf(meetingId, attendeeId);
  const { sha256 } = await copyUploadTo(ctx, upload.path, key);
  return { key, sha256 };
}

/** The secretary enters an absent member's written vote from the paper, whose scan is kept. */
export async function enterWrittenVote(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  fields: { attendeeId: string; votes: { itemId: string; choice: Choice }[] },
  upload: UploadedFile | undefined,
) {
  let scan: { key: string; sha256: string } | null = null;
  try {
    scan = await keepScan(ctx, id, fields.attendeeId, upload);
    const kept = scan;
    const closed = await inTransaction(ctx.ds, async (em) => {
      const { meeting, council } = await getMeetingForUser(em, user, id);
      const seat = await seatOf(em, user, meeting);
      assertTakes(meeting, seat, 'WRITTEN_VOTE');
      const at = ctx.clock().toISOString();
      await lockMeeting(em, meeting, at);
      const voter = await em.findOne(MeetingAttendee, {
        where: { id: fields.attendeeId, meetingId: meeting.id },
      });
      if (!voter) throw new NotFoundError('attendee_not_found', 'Không có thành viên này trong phiên họp.');
      for (const vote of fields.votes) {
        const item = await itemOf(em, meeting, vote.itemId);
        const alreadyVoted =
          (await em.count(MeetingBallot, { where: { itemId: item.id, attendeeId: voter.id } })) > 0;
        const facts = {
          writtenVotesAllowed: council.writtenVotesAllowed,
          voterIsAbsentMember: voter.signedInAt === null,
          alreadyVoted,
          scanAttached: scan !== null,
        };
        if (!meetingNext(meeting.state, { type: 'WRITTEN_VOTE', part: seat.part, at, ...facts }))
          throw writtenRefusal(facts, seat);
        if (!mayVoteOn(voter, item))
          throw new ForbiddenError(
            'own_unit',
            `${voter.name} thuộc đơn vị được đề nghị, không biểu quyết hồ sơ này.`,
          );
        await countBallot(em, meeting, item, voter, vote.choice, kept);
      }
      await appendMeetingEvent(em, {
        meetingId: meeting.id,
        actor: user,
        at,
        type: 'WRITTEN_VOTE',
        from: meeting.state,
        to: meeting.state,
        details: {
          attendeeId: voter.id,
          itemIds: fields.votes.map((v) => v.itemId),
          scanSha256: scan?.sha256 ?? null,
        },
      });
      return closeIfComplete(em, user, meeting, council, seat, at);
    });
    if (closed) await storeMinutes(ctx, id);
    return { closed };
  } catch (err) {
    if (scan) await fs.promises.rm(path.join(attachmentsDir(ctx), scan.key), { force: true });
    throw err;
  } finally {
    if (upload) await fs.promises.rm(upload.path, { force: true });
  }
}

function writtenRefusal(
  facts: {
    writtenVotesAllowed: boolean;
    voterIsAbsentMember: boolean;
    alreadyVoted: boolean;
    scanAttached: boolean;
  },
  seat: Seat,
) {
  if (seat.part !== 'secretary')
    return new ForbiddenError('not_secretary', 'Chỉ Thư ký Hội đồng nhập phiếu bằng văn bản.');
  if (!facts.writtenVotesAllowed)
    return new RuleError(
      'written_votes_not_allowed',
      'Quy chế của Hội đồng không cho biểu quyết bằng văn bản.',
    );
  if (!facts.voterIsAbsentMember)
    return new RuleError('voter_present', 'Thành viên có mặt tự biểu quyết tại phiên họp.');
  if (facts.alreadyVoted) return new ConflictError('already_voted', 'Thành viên này đã biểu quyết hồ sơ.');
  return fieldRuleError('file', 'scan_required', 'Cần đính kèm bản quét phiếu biểu quyết.');
}
