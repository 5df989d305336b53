import { setup } from 'xstate';

/**
 * The lifecycle of a council meeting (phiên họp Hội đồng): the secretary convenes it with an agenda once
 * the public posting has ended, the chair opens it when the quorum is present, members vote on each
 * dossier by secret ballot (the product keeps who voted and the tally, never who voted what), and the
 * chair closes it — or it closes when everyone has voted. Pure: the service computes the facts (posting
 * end, presence, whether this member already voted on this dossier…) and persists the snapshot.
 */

export const MEETING_MACHINE_VERSION = 'meeting@1';

export const MEETING_STATES = ['draft', 'convened', 'voting', 'closed', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const MEETING_EVENT_TYPES = ['CONVENE', 'OPEN', 'VOTE', 'WRITTEN_VOTE', 'CLOSE', 'CANCEL'] as const;
export type MeetingEventType = (typeof MEETING_EVENT_TYPES)[number];

/** A person's part in the council (chủ tịch, thư ký, ủy viên). */
export type CouncilPart = 'chair' | 'secretary' | 'member';

export interface MeetingStateMeta {
  label: string;
  /** Parts whose move the meeting waits for. */
  actingParts: readonly CouncilPart[];
}

/**
 * - `editable`: the agenda may still change.
 * - `posted`: the nominees are on the public page (comments open until the posting period ends).
 * - `attendance`: members sign in.
 * - `ballot`: votes are taken.
 * - `holding`: the agenda's dossiers belong to this meeting (no other meeting may list them).
 * - `decided`: every agenda dossier has its result.
 */
export type MeetingTag = 'editable' | 'posted' | 'attendance' | 'ballot' | 'holding' | 'decided';

interface WithActor {
  /** The actor's part in this council, or null for someone outside it. */
  part: CouncilPart | null;
  at: string;
}

export type MeetingEvent =
  | ({ type: 'CONVENE'; agendaSize: number; meetingAt: string; postingEndsAt: string } & WithActor)
  | ({ type: 'OPEN'; postingEndsAt: string; quorumReached: boolean } & WithActor)
  | ({
      type: 'VOTE';
      /** The member signed the attendance sheet (votes in the room are cast by those present). */
      signedIn: boolean;
      alreadyVoted: boolean;
      fromNominatedUnit: boolean;
    } & WithActor)
  | ({
      type: 'WRITTEN_VOTE';
      writtenVotesAllowed: boolean;
      voterIsAbsentMember: boolean;
      alreadyVoted: boolean;
      scanAttached: boolean;
    } & WithActor)
  | ({ type: 'CLOSE'; everyoneVoted: boolean } & WithActor)
  | ({ type: 'CANCEL'; reason: string } & WithActor);

export const meetingMachine = setup({
  types: {
    events: {} as MeetingEvent,
    meta: {} as MeetingStateMeta,
    tags: {} as MeetingTag,
  },
  guards: {
    secretaryConvenesAfterPosting: ({ event }) =>
      event.type === 'CONVENE' &&
      event.part === 'secretary' &&
      event.agendaSize > 0 &&
      event.meetingAt >= event.postingEndsAt,
    openable: ({ event }) =>
      event.type === 'OPEN' &&
      (event.part === 'chair' || event.part === 'secretary') &&
      event.at >= event.postingEndsAt &&
      event.quorumReached,
    validVote: ({ event }) =>
      event.type === 'VOTE' &&
      event.part !== null &&
      event.signedIn &&
      !event.alreadyVoted &&
      !event.fromNominatedUnit,
    validWrittenVote: ({ event }) =>
      event.type === 'WRITTEN_VOTE' &&
      event.part === 'secretary' &&
      event.writtenVotesAllowed &&
      event.voterIsAbsentMember &&
      !event.alreadyVoted &&
      event.scanAttached,
    // The chair closes at any time; once every member has voted the meeting closes with the last vote.
    closable: ({ event }) =>
      event.type === 'CLOSE' && (event.part === 'chair' || (event.part !== null && event.everyoneVoted)),
    secretaryWithReason: ({ event }) =>
      event.type === 'CANCEL' && event.part === 'secretary' && event.reason.trim().length > 0,
  },
  actions: {
    // The vote itself is the service's to store (a tally and a list of voters, never a member's choice);
    // the named action makes the self-transition one that `can()` reports.
    countVote: () => undefined,
  },
}).createMachine({
  id: 'meeting',
  initial: 'draft',
  states: {
    draft: {
      tags: ['editable', 'holding'],
      meta: { label: 'Đang chuẩn bị', actingParts: ['secretary'] },
      on: {
        CONVENE: { target: 'convened', guard: 'secretaryConvenesAfterPosting' },
        CANCEL: { target: 'cancelled', guard: 'secretaryWithReason' },
      },
    },
    convened: {
      tags: ['posted', 'attendance', 'holding'],
      meta: { label: 'Đã triệu tập', actingParts: ['chair', 'secretary'] },
      on: {
        OPEN: { target: 'voting', guard: 'openable' },
        CANCEL: { target: 'cancelled', guard: 'secretaryWithReason' },
      },
    },
    voting: {
      tags: ['ballot', 'attendance', 'holding'],
      meta: { label: 'Đang bỏ phiếu', actingParts: ['chair', 'secretary', 'member'] },
      on: {
        VOTE: { guard: 'validVote', actions: 'countVote' },
        WRITTEN_VOTE: { guard: 'validWrittenVote', actions: 'countVote' },
        CLOSE: { target: 'closed', guard: 'closable' },
      },
    },
    closed: {
      type: 'final',
      tags: ['decided'],
      meta: { label: 'Đã kết thúc', actingParts: [] },
    },
    cancelled: { type: 'final', meta: { label: 'Đã hủy', actingParts: [] } },
  },
});
