import { Meeting, MeetingAttendee, MeetingBallot, MeetingItem } from '../../entities';
import type { CouncilPart, MeetingEvent } from '../../machines/meeting.machine';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { POSITION_LABELS, PURPOSE_LABELS, thresholdText } from '../councils/council-labels';
import { ruleOf } from '../councils/councils.service';
import { getMeetingForUser, seatOf } from './meeting-access';
import { mayVoteOn } from './meeting-results';
import { MEETING_EVENT_LABELS, meetingHasTag, meetingNext, meetingStateLabel } from './meeting-rules';

type Step = 'CONVENE' | 'OPEN' | 'CLOSE' | 'CANCEL';

/** The steps this person may take now, as the machine answers for the facts at hand. */
function stepsFor(meeting: Meeting, part: CouncilPart | null, at: string, everyoneVoted: boolean): Step[] {
  const probes: Record<Step, MeetingEvent> = {
    CONVENE: { type: 'CONVENE', part, at, agendaSize: 1, meetingAt: meeting.meetingAt, postingEndsAt: at },
    OPEN: { type: 'OPEN', part, at, postingEndsAt: meeting.postingEndsAt ?? at, quorumReached: true },
    CLOSE: { type: 'CLOSE', part, at, everyoneVoted },
    CANCEL: { type: 'CANCEL', part, at, reason: 'probe' },
  };
  return (Object.keys(probes) as Step[]).filter((s) => meetingNext(meeting.state, probes[s]) !== null);
}

/**
 * A meeting as its page and the API show it. The tally and results appear only once the meeting has
 * closed; during the vote only how many have voted. No member's choice exists to show.
 */
export async function meetingView(ctx: AppContext, user: CurrentUser, id: string) {
  const em = ctx.ds.manager;
  const { meeting, council } = await getMeetingForUser(em, user, id);
  const seat = await seatOf(em, user, meeting);
  const [items, attendees, ballots] = await Promise.all([
    em.find(MeetingItem, { where: { meetingId: meeting.id }, order: { position: 'ASC' } }),
    em.find(MeetingAttendee, { where: { meetingId: meeting.id } }),
    em.find(MeetingBallot, {
      where: { meetingId: meeting.id },
      select: { itemId: true, attendeeId: true, written: true },
    }),
  ]);
  const decided = meetingHasTag(meeting.state, 'decided');
  const ballot = meetingHasTag(meeting.state, 'ballot');
  const expected = items.reduce((n, it) => n + attendees.filter((a) => mayVoteOn(a, it)).length, 0);
  const at = ctx.clock().toISOString();
  const me = seat.attendee;
  const order = Object.keys(POSITION_LABELS);
  return {
    id: meeting.id,
    version: meeting.version,
    title: meeting.title,
    location: meeting.location,
    meetingAt: meeting.meetingAt,
    purpose: meeting.purpose,
    purposeLabel: PURPOSE_LABELS[meeting.purpose],
    state: meeting.state,
    stateLabel: meetingStateLabel(meeting.state),
    postingStartsAt: meeting.postingStartsAt,
    postingEndsAt: meeting.postingEndsAt,
    postingOpen:
      meetingHasTag(meeting.state, 'posted') && meeting.postingEndsAt !== null && at < meeting.postingEndsAt,
    memberCount: meeting.memberCount,
    closedAt: meeting.closedAt,
    cancelReason: meeting.cancelReason,
    council: { id: council.id, name: council.name, rule: ruleOf(council), ruleText: thresholdText(council) },
    items: items.map((it) => ({
      id: it.id,
      dossierId: it.dossierId,
      unitName: it.unitName,
      position: it.position,
      votesCast: ballots.filter((b) => b.itemId === it.id).length,
      yes: decided ? it.yes : null,
      no: decided ? it.no : null,
      result: decided ? it.result : null,
      resultLabel: decided ? (it.result === 'approved' ? 'Thông qua' : 'Không thông qua') : null,
      iVoted: me !== null && ballots.some((b) => b.itemId === it.id && b.attendeeId === me.id),
      mayVote:
        ballot &&
        me !== null &&
        me.signedInAt !== null &&
        mayVoteOn(me, it) &&
        !ballots.some((b) => b.itemId === it.id && b.attendeeId === me.id),
    })),
    attendees: [...attendees]
      .sort(
        (a, b) => order.indexOf(a.position) - order.indexOf(b.position) || a.name.localeCompare(b.name, 'vi'),
      )
      .map((a) => ({
        id: a.id,
        name: a.name,
        position: a.position,
        positionLabel: POSITION_LABELS[a.position],
        title: a.title,
        signedIn: a.signedInAt !== null,
        ballotsCast: ballots.filter((b) => b.attendeeId === a.id).length,
        votedInWriting: ballots.some((b) => b.attendeeId === a.id && b.written),
      })),
    me: {
      part: seat.part,
      position: seat.position,
      attendeeId: me?.id ?? null,
      signedIn: me?.signedInAt != null,
    },
    allowedSteps: stepsFor(meeting, seat.part, at, expected > 0 && ballots.length >= expected).map(
      (type) => ({ type, label: MEETING_EVENT_LABELS[type] }),
    ),
    mayEdit: meetingHasTag(meeting.state, 'editable') && seat.position === 'secretary',
    maySignIn: meetingHasTag(meeting.state, 'attendance') && me !== null && me.signedInAt === null,
    mayEnterWrittenVotes: ballot && seat.part === 'secretary' && council.writtenVotesAllowed,
    minutesUrl: decided ? `/api/meetings/${meeting.id}/minutes.pdf` : null,
    minutesSha256: meeting.minutesSha256,
  };
}
export type MeetingView = Awaited<ReturnType<typeof meetingView>>;
