import { IsNull, Not, type EntityManager } from 'typeorm';
import { Council, Meeting, MeetingAttendee, MeetingItem } from '../../entities';
import { hasQuorum } from '../../machines/council-rule';
import type { MeetingEvent } from '../../machines/meeting.machine';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { loadHolidays } from '../calendar/working-calendar';
import { addWorkingDays, endOfVnDay, vnClock, vnDate } from '../calendar/time';
import { vnShortDate } from '../documents/vn-format';
import { currentMembers, ruleOf } from '../councils/councils.service';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, fieldRuleError, ForbiddenError, RuleError } from '../http/errors';
import { getMeetingForUser, seatOf, type Seat } from './meeting-access';
import { appendMeetingEvent, moveMeeting, notifyMembers } from './meeting-log';
import { everyoneVoted, recordResults } from './meeting-results';
import { meetingNext, meetingStateTakes, MEETING_EVENT_LABELS } from './meeting-rules';
import type { MeetingStepBody } from './meeting.schemas';
import { storeMinutes } from './minutes.service';

const notTaken = (meeting: Meeting, type: MeetingEvent['type']) =>
  new ConflictError('event_not_allowed', `Phiên họp ở bước này không thể "${MEETING_EVENT_LABELS[type]}".`, {
    state: meeting.state,
    event: type,
  });

/** 409 for a state that does not take the event, 403 for someone outside the council. */
export function assertTakes(meeting: Meeting, seat: Seat, type: MeetingEvent['type']) {
  if (!meetingStateTakes(meeting.state, type)) throw notTaken(meeting, type);
  if (seat.part === null)
    throw new ForbiddenError('not_council_member', 'Bạn không phải thành viên Hội đồng này.');
}

/** The end of the public posting for a meeting convened at `at`: the end of its last working day. */
async function postingEnd(ctx: AppContext, em: EntityManager, council: Council, at: string) {
  const today = vnDate(new Date(at));
  const year = Number(today.slice(0, 4));
  const holidays = await loadHolidays(em, ctx.config.holidays, [year, year + 1]);
  return endOfVnDay(addWorkingDays(today, council.postingWorkingDays, holidays));
}

/** The attendance sheet: the council's members as they stand at convening. */
async function seatMembers(em: EntityManager, meeting: Meeting) {
  const members = await currentMembers(em, meeting.councilId);
  const positions = members.map((m) => m.position);
  if (!positions.includes('chair') || !positions.includes('secretary') || members.length < 3) {
    throw new RuleError(
      'council_incomplete',
      'Hội đồng cần có Chủ tịch, Thư ký và ít nhất 3 thành viên để triệu tập.',
    );
  }
  await em.insert(
    MeetingAttendee,
    members.map((m) => ({
      id: newId(),
      meetingId: meeting.id,
      userId: m.userId,
      name: m.name,
      position: m.position,
      title: m.title,
      unitId: m.unitId,
      signedInAt: null,
    })),
  );
  return members.length;
}

async function convene(
  ctx: AppContext,
  em: EntityManager,
  meeting: Meeting,
  council: Council,
  seat: Seat,
  at: string,
) {
  const postingEndsAt = await postingEnd(ctx, em, council, at);
  const agendaSize = await em.count(MeetingItem, { where: { meetingId: meeting.id } });
  const event: MeetingEvent = {
    type: 'CONVENE',
    part: seat.part,
    at,
    agendaSize,
    meetingAt: meeting.meetingAt,
    postingEndsAt,
  };
  if (seat.part !== 'secretary')
    throw new ForbiddenError('not_secretary', 'Chỉ Thư ký Hội đồng triệu tập phiên họp.');
  if (meeting.meetingAt < postingEndsAt) {
    const message = `Phiên họp phải sau khi hết thời gian công khai ${council.postingWorkingDays} ngày làm việc (đến hết ngày ${vnDate(new Date(postingEndsAt)).split('-').reverse().join('/')}).`;
    throw fieldRuleError('meetingAt', 'meeting_inside_posting', message, { postingEndsAt });
  }
  const to = meetingNext(meeting.state, event);
  if (!to) throw notTaken(meeting, 'CONVENE');
  const memberCount = await seatMembers(em, meeting);
  return {
    to,
    changes: { postingStartsAt: at, postingEndsAt, memberCount },
    details: { postingEndsAt, memberCount },
  };
}

async function open(em: EntityManager, meeting: Meeting, council: Council, seat: Seat, at: string) {
  const postingEndsAt = meeting.postingEndsAt ?? at;
  if (at < postingEndsAt) {
    throw new ConflictError(
      'posting_not_ended',
      'Chưa hết thời gian công khai danh sách; chưa thể khai mạc phiên họp.',
      { postingEndsAt },
    );
  }
  const present = await em.count(MeetingAttendee, {
    where: { meetingId: meeting.id, signedInAt: Not(IsNull()) },
  });
  const quorumReached = hasQuorum(ruleOf(council), present, meeting.memberCount);
  const to = meetingNext(meeting.state, { type: 'OPEN', part: seat.part, at, postingEndsAt, quorumReached });
  if (!to && !quorumReached) {
    throw new RuleError(
      'no_quorum',
      `Mới có ${present}/${meeting.memberCount} thành viên có mặt, chưa đủ ${council.quorumPercent}% để khai mạc.`,
      { present, memberCount: meeting.memberCount },
    );
  }
  if (!to) throw new ForbiddenError('forbidden', 'Chỉ Chủ tịch hoặc Thư ký Hội đồng khai mạc phiên họp.');
  return { to, changes: { openedAt: at }, details: { present, memberCount: meeting.memberCount } };
}

/** Closes the meeting: each dossier's result follows from the rule and is audited with the tally. */
export async function closeMeeting(
  em: EntityManager,
  meeting: Meeting,
  council: Council,
  seat: Seat,
  at: string,
) {
  const all = await everyoneVoted(em, meeting.id);
  const to = meetingNext(meeting.state, { type: 'CLOSE', part: seat.part, at, everyoneVoted: all });
  if (!to) {
    throw new ForbiddenError(
      'forbidden',
      'Chỉ Chủ tịch Hội đồng kết thúc phiên họp khi còn thành viên chưa biểu quyết.',
    );
  }
  const { results, rule } = await recordResults(em, meeting, council);
  return { to, changes: { closedAt: at }, details: { everyoneVoted: all, rule, results } };
}

/** What the members are told of a step: the summons, the opening of the vote. */
async function tellMembers(em: EntityManager, meeting: Meeting, type: MeetingStepBody['type'], at: string) {
  const when = `${vnClock(new Date(meeting.meetingAt))} ngày ${vnShortDate(vnDate(new Date(meeting.meetingAt)))}`;
  if (type === 'CONVENE') {
    const message = `Giấy mời họp: ${meeting.title}, ${when}, tại ${meeting.location}.`;
    await notifyMembers(em, meeting, message, 'convene', at);
  } else if (type === 'OPEN') {
    await notifyMembers(em, meeting, `${meeting.title} đã khai mạc: mời biểu quyết từng hồ sơ.`, 'open', at);
  }
}

/** CONVENE, OPEN, CLOSE or CANCEL: versioned, refused as the machine says, audited in one transaction. */
export async function meetingStep(ctx: AppContext, user: CurrentUser, id: string, body: MeetingStepBody) {
  const moved = await inTransaction(ctx.ds, async (em) => {
    const { meeting, council } = await getMeetingForUser(em, user, id);
    if (body.version !== meeting.version) {
      throw new ConflictError('stale_version', 'Phiên họp vừa thay đổi; hãy tải lại trang.', {
        currentVersion: meeting.version,
      });
    }
    const seat = await seatOf(em, user, meeting);
    assertTakes(meeting, seat, body.type);
    const at = ctx.clock().toISOString();
    let step: { to: string; changes: Partial<Meeting>; details: Record<string, unknown> };
    if (body.type === 'CONVENE') step = await convene(ctx, em, meeting, council, seat, at);
    else if (body.type === 'OPEN') step = await open(em, meeting, council, seat, at);
    else if (body.type === 'CLOSE') step = await closeMeeting(em, meeting, council, seat, at);
    else {
      const to = meetingNext(meeting.state, { type: 'CANCEL', part: seat.part, at, reason: body.reason });
      if (!to) throw new ForbiddenError('not_secretary', 'Chỉ Thư ký Hội đồng hủy phiên họp.');
      step = { to, changes: { cancelReason: body.reason }, details: {} };
    }
    const updated = await moveMeeting(em, meeting, step.to, at, step.changes);
    await tellMembers(em, updated, body.type, at);
    await appendMeetingEvent(em, {
      meetingId: meeting.id,
      actor: user,
      at,
      type: body.type,
      from: meeting.state,
      to: step.to,
      reason: body.type === 'CANCEL' ? body.reason : null,
      details: step.details,
    });
    return updated;
  });
  // Effects after commit: the minutes are rendered once from the committed rows and kept.
  if (body.type === 'CLOSE') await storeMinutes(ctx, moved.id);
  return moved;
}
