import { transition } from 'xstate';
import type { CouncilPosition } from '../../entities/council.entity';
import {
  MEETING_EVENT_TYPES,
  MEETING_STATES,
  meetingMachine,
  type CouncilPart,
  type MeetingEvent,
  type MeetingEventType,
  type MeetingState,
  type MeetingStateMeta,
  type MeetingTag,
} from '../../machines/meeting.machine';
import { ConflictError, ForbiddenError } from '../http/errors';

/*
 * The one module that reads the meeting machine's table: what a meeting's state means and whether an
 * event would be taken now. Nothing else compares meeting state names.
 */

const isState = (s: string): s is MeetingState => (MEETING_STATES as readonly string[]).includes(s);
const metaOf = (s: MeetingState) => meetingMachine.states[s].meta as MeetingStateMeta;

export const meetingStateLabel = (state: string): string => (isState(state) ? metaOf(state).label : state);

export const meetingHasTag = (state: string, tag: MeetingTag): boolean =>
  isState(state) && meetingMachine.states[state].tags.includes(tag);

export const meetingStatesTagged = (tag: MeetingTag): MeetingState[] =>
  MEETING_STATES.filter((s) => meetingHasTag(s, tag));

export const initialMeetingState = (): MeetingState => meetingMachine.config.initial as MeetingState;

/** The machine's part for a council position: the vice-chair votes as a member. */
export function partOf(position: CouncilPosition | null): CouncilPart | null {
  if (position === null) return null;
  return position === 'chair' || position === 'secretary' ? position : 'member';
}

const snapshotOf = (state: string) =>
  meetingMachine.resolveState({ value: state as MeetingState, context: {} as never });

/** The state the event leads to, or null when the machine refuses it. */
export function meetingNext(state: string, event: MeetingEvent): MeetingState | null {
  const snapshot = snapshotOf(state);
  if (!snapshot.can(event)) return null;
  return transition(meetingMachine, snapshot, event)[0].value as MeetingState;
}

/** Whether the state takes events of this type at all (409 otherwise). */
export const meetingStateTakes = (state: string, type: MeetingEventType): boolean =>
  isState(state) && Object.keys(meetingMachine.states[state].on).includes(type);

export const MEETING_EVENT_LABELS: Record<MeetingEventType, string> = {
  CONVENE: 'Triệu tập và công khai danh sách',
  OPEN: 'Khai mạc phiên họp',
  VOTE: 'Bỏ phiếu',
  WRITTEN_VOTE: 'Nhập phiếu bằng văn bản',
  CLOSE: 'Kết thúc phiên họp',
  CANCEL: 'Hủy phiên họp',
};

export { MEETING_EVENT_TYPES };

/**
 * Refuses an event the machine does not take: 409 when the meeting's state does not take it at all, 403
 * when it is this person who may not, 422 with `rule` when a fact is missing (quorum, posting, paper).
 */
export function refuseMeetingEvent(
  state: string,
  type: MeetingEventType,
  part: CouncilPart | null,
  why: ConflictError | null,
) {
  if (!meetingStateTakes(state, type)) {
    return new ConflictError(
      'event_not_allowed',
      `Không thể "${MEETING_EVENT_LABELS[type]}" khi phiên họp ở bước "${meetingStateLabel(state)}".`,
      { state, event: type },
    );
  }
  if (part === null)
    return new ForbiddenError('not_council_member', 'Bạn không phải thành viên Hội đồng này.');
  return why ?? new ForbiddenError('forbidden', `Bạn không thể "${MEETING_EVENT_LABELS[type]}" lúc này.`);
}
