import { describe, expect, it } from 'vitest';
import { createActor, transition, type SnapshotFrom } from 'xstate';
import { DEFAULT_COUNCIL_RULE, hasQuorum, isApproved, type CouncilRule } from '../../machines/council-rule';
import { meetingMachine, type MeetingEvent, type MeetingState } from '../../machines/meeting.machine';

const POSTING_ENDS = '2026-12-10T17:00:00.000Z';
const AFTER = '2026-12-11T02:00:00.000Z';
const BEFORE = '2026-12-09T02:00:00.000Z';

type Snapshot = SnapshotFrom<typeof meetingMachine>;
const start = (): Snapshot => createActor(meetingMachine).getSnapshot();
const send = (s: Snapshot, e: MeetingEvent): Snapshot => transition(meetingMachine, s, e)[0];
const state = (s: Snapshot) => s.value as MeetingState;

const convene = (s = start()) =>
  send(s, {
    type: 'CONVENE',
    part: 'secretary',
    at: BEFORE,
    agendaSize: 3,
    meetingAt: AFTER,
    postingEndsAt: POSTING_ENDS,
  });
const open = (s = convene()) =>
  send(s, { type: 'OPEN', part: 'chair', at: AFTER, postingEndsAt: POSTING_ENDS, quorumReached: true });
const vote = (over: Partial<Extract<MeetingEvent, { type: 'VOTE' }>> = {}): MeetingEvent => ({
  type: 'VOTE',
  part: 'member',
  at: AFTER,
  signedIn: true,
  alreadyVoted: false,
  fromNominatedUnit: false,
  ...over,
});

describe('the council meeting machine', () => {
  it('runs draft → convened → voting → closed, with the agenda editable only while in draft', () => {
    const s0 = start();
    expect([state(s0), s0.hasTag('editable')]).toEqual(['draft', true]);
    const s1 = convene(s0);
    expect([state(s1), s1.hasTag('editable')]).toEqual(['convened', false]);
    const s2 = open(s1);
    expect([state(s2), s2.hasTag('ballot')]).toEqual(['voting', true]);
    const s3 = send(s2, { type: 'CLOSE', part: 'chair', at: AFTER, everyoneVoted: false });
    expect([state(s3), s3.hasTag('decided'), s3.status]).toEqual(['closed', true, 'done']);
  });

  it('cannot be convened for a date inside the public posting, without an agenda, or by anyone but the secretary', () => {
    const base = {
      type: 'CONVENE',
      at: BEFORE,
      agendaSize: 3,
      meetingAt: AFTER,
      postingEndsAt: POSTING_ENDS,
    } as const;
    expect(state(send(start(), { ...base, part: 'secretary', meetingAt: BEFORE }))).toBe('draft');
    expect(state(send(start(), { ...base, part: 'secretary', agendaSize: 0 }))).toBe('draft');
    expect(state(send(start(), { ...base, part: 'chair' }))).toBe('draft');
    expect(state(send(start(), { ...base, part: null }))).toBe('draft');
  });

  it('does not open early or without a quorum', () => {
    const base = { type: 'OPEN', part: 'chair', postingEndsAt: POSTING_ENDS } as const;
    expect(state(send(convene(), { ...base, at: BEFORE, quorumReached: true }))).toBe('convened');
    expect(state(send(convene(), { ...base, at: AFTER, quorumReached: false }))).toBe('convened');
    expect(state(send(convene(), { ...base, part: 'member', at: AFTER, quorumReached: true }))).toBe(
      'convened',
    );
  });

  it('takes one vote per member and dossier, none from the nominated unit, none after closing', () => {
    const voting = open();
    expect(voting.can(vote())).toBe(true);
    expect(voting.can(vote({ alreadyVoted: true }))).toBe(false);
    expect(voting.can(vote({ fromNominatedUnit: true }))).toBe(false);
    expect(voting.can(vote({ part: null }))).toBe(false);
    expect(voting.can(vote({ signedIn: false }))).toBe(false);
    const closed = send(voting, { type: 'CLOSE', part: 'chair', at: AFTER, everyoneVoted: false });
    expect(closed.can(vote())).toBe(false);
    expect(convene().can(vote())).toBe(false); // nor before opening
  });

  it('takes an absent member’s written vote from the secretary only, when the rule allows it and the paper is attached', () => {
    const written = {
      type: 'WRITTEN_VOTE',
      part: 'secretary',
      at: AFTER,
      writtenVotesAllowed: true,
      voterIsAbsentMember: true,
      alreadyVoted: false,
      scanAttached: true,
    } as const;
    const voting = open();
    expect(voting.can(written)).toBe(true);
    expect(voting.can({ ...written, writtenVotesAllowed: false })).toBe(false);
    expect(voting.can({ ...written, scanAttached: false })).toBe(false);
    expect(voting.can({ ...written, voterIsAbsentMember: false })).toBe(false);
    expect(voting.can({ ...written, part: 'member' })).toBe(false);
  });

  it('is closed by the chair at any time, by anyone else only once everyone has voted', () => {
    const close = { type: 'CLOSE', at: AFTER } as const;
    expect(state(send(open(), { ...close, part: 'secretary', everyoneVoted: false }))).toBe('voting');
    expect(state(send(open(), { ...close, part: 'secretary', everyoneVoted: true }))).toBe('closed');
    // The last member's vote closes it.
    expect(state(send(open(), { ...close, part: 'member', everyoneVoted: true }))).toBe('closed');
    expect(state(send(open(), { ...close, part: null, everyoneVoted: true }))).toBe('voting');
  });

  it('keeps no vote in its snapshot: nothing in it says who voted what', () => {
    const after = send(send(open(), vote()), vote());
    expect(after.context ?? {}).toEqual({});
    expect(JSON.stringify(after)).not.toMatch(/yes|đồng ý|choice/i);
  });

  it('is cancelled by the secretary with a reason before it opens, never after', () => {
    const cancel = { type: 'CANCEL', part: 'secretary', at: BEFORE, reason: 'Thiếu hồ sơ' } as const;
    expect(state(send(start(), cancel))).toBe('cancelled');
    expect(state(send(convene(), cancel))).toBe('cancelled');
    expect(state(send(convene(), { ...cancel, reason: ' ' }))).toBe('convened');
    expect(state(send(open(), cancel))).toBe('voting');
  });
});

describe('the council’s rule (configuration, exact arithmetic)', () => {
  const ninetyOfAll: CouncilRule = {
    ...DEFAULT_COUNCIL_RULE,
    thresholdPercent: 90,
    comparison: 'at_least',
    denominator: 'members',
  };
  const halfOfCast: CouncilRule = {
    ...DEFAULT_COUNCIL_RULE,
    thresholdPercent: 50,
    comparison: 'more_than',
    denominator: 'votes_cast',
  };

  it('"at least 90 % of all members": 9 of 10 passes, 8 of 10 does not, absent members count against', () => {
    expect(isApproved(ninetyOfAll, { yes: 9, no: 0 }, 10)).toBe(true);
    expect(isApproved(ninetyOfAll, { yes: 8, no: 0 }, 10)).toBe(false);
    expect(isApproved(ninetyOfAll, { yes: 17, no: 2 }, 19)).toBe(false); // 89.5 %
  });

  it('"more than half of the votes cast": a tie fails, no votes fails', () => {
    expect(isApproved(halfOfCast, { yes: 4, no: 3 }, 11)).toBe(true);
    expect(isApproved(halfOfCast, { yes: 3, no: 3 }, 11)).toBe(false);
    expect(isApproved(halfOfCast, { yes: 0, no: 0 }, 11)).toBe(false);
  });

  it('the default: quorum of two thirds, more than half of all members', () => {
    expect(hasQuorum(DEFAULT_COUNCIL_RULE, 6, 9)).toBe(false); // 66.7 % < 67 %
    expect(hasQuorum(DEFAULT_COUNCIL_RULE, 7, 9)).toBe(true);
    expect(isApproved(DEFAULT_COUNCIL_RULE, { yes: 5, no: 0 }, 9)).toBe(true);
    expect(isApproved(DEFAULT_COUNCIL_RULE, { yes: 4, no: 4 }, 9)).toBe(false);
    expect(hasQuorum(DEFAULT_COUNCIL_RULE, 0, 0)).toBe(false);
  });
});
