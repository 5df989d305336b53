import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { ROLES, type ManagedBy, type Role } from '../../machines/domain';
import {
  DOSSIER_EVENT_TYPES,
  DOSSIER_STATES,
  dossierMachine,
  eventTypesHandledIn,
  type DossierEvent,
  type DossierEventType,
  type DossierState,
} from '../../machines/dossier.machine';

const AT = '2026-01-10T03:00:00.000Z';
const DEADLINE = '2026-02-01T16:59:59.999Z';
const LATER = '2026-02-15T16:59:59.999Z';
const GOOD = { complete: true, passing: true };

/** api.md's state × event table: target per management shape, and the role that sends it. */
type Row = { to: Record<ManagedBy, DossierState>; role: Role };
const both = (s: DossierState): Record<ManagedBy, DossierState> => ({ district: s, province: s });
const TABLE: Partial<Record<DossierState, Partial<Record<DossierEventType, Row>>>> = {
  nominated: {
    CHANGE_EVIDENCE: { to: both('nominated'), role: 'unit_officer' },
    START: { to: both('self_assessment'), role: 'unit_officer' },
    WITHDRAW: { to: both('withdrawn'), role: 'unit_officer' },
    EXTEND_DEADLINE: { to: both('nominated'), role: 'admin' },
  },
  self_assessment: {
    SAVE_SCORES: { to: both('self_assessment'), role: 'unit_officer' },
    CHANGE_EVIDENCE: { to: both('self_assessment'), role: 'unit_officer' },
    SUBMIT: { to: { district: 'district_review', province: 'provincial_appraisal' }, role: 'unit_officer' },
    WITHDRAW: { to: both('withdrawn'), role: 'unit_officer' },
    EXTEND_DEADLINE: { to: both('self_assessment'), role: 'admin' },
  },
  district_review: {
    SAVE_SCORES: { to: both('district_review'), role: 'district_reviewer' },
    RETURN: { to: both('self_assessment'), role: 'district_reviewer' },
    FORWARD: { to: both('provincial_appraisal'), role: 'district_reviewer' },
    REJECT: { to: both('rejected'), role: 'district_reviewer' },
  },
  provincial_appraisal: {
    SAVE_SCORES: { to: both('provincial_appraisal'), role: 'provincial_appraiser' },
    RETURN: {
      to: { district: 'district_review', province: 'self_assessment' },
      role: 'provincial_appraiser',
    },
    PASS: { to: both('awaiting_decision'), role: 'provincial_appraiser' },
    REJECT: { to: both('rejected'), role: 'provincial_appraiser' },
  },
  awaiting_decision: {
    RETURN: { to: both('provincial_appraisal'), role: 'internal_affairs_officer' },
    RECOGNIZE: { to: both('recognized'), role: 'clerk' },
  },
  recognized: {
    PROPOSE_AWARD: { to: both('award_proposed'), role: 'provincial_appraiser' },
    REVOKE: { to: both('revoked'), role: 'clerk' },
  },
  award_proposed: {
    APPRAISE_AWARD: { to: both('award_proposed'), role: 'internal_affairs_officer' },
    AWARD: { to: both('awarded'), role: 'clerk' },
  },
  awarded: { REVOKE: { to: both('revoked'), role: 'clerk' } },
};

/** An event with every fact satisfied, sent by `role` (a unit officer of the unit; others independent). */
function goodEvent(type: DossierEventType, role: Role): DossierEvent {
  const actor = { role, belongsToUnit: role === 'unit_officer' };
  switch (type) {
    case 'SUBMIT':
      return { type, actor, at: AT, selfAssessment: GOOD };
    case 'FORWARD':
    case 'PASS':
      return { type, actor, at: AT, review: GOOD };
    case 'RETURN':
      return { type, actor, at: AT, reason: 'Thiếu biên bản', criteria: [{ code: 'XA-01' }] };
    case 'REJECT':
      return { type, actor, at: AT, reason: 'Lý do' };
    case 'REVOKE':
      return { type, actor, at: AT, reason: 'Lý do', decisionId: 'd2' };
    case 'RECOGNIZE':
    case 'AWARD':
      return { type, actor, at: AT, decisionId: 'd1' };
    case 'EXTEND_DEADLINE':
      return { type, actor, at: AT, until: LATER, reason: 'Thiên tai' };
    case 'PROPOSE_AWARD':
      return { type, actor, at: AT, awardProposal: { complete: true } };
    case 'APPRAISE_AWARD':
      return { type, actor, at: AT, opinion: 'Đủ điều kiện khen thưởng' };
    case 'START':
    case 'WITHDRAW':
    case 'SAVE_SCORES':
    case 'CHANGE_EVIDENCE':
      return { type, actor, at: AT };
  }
}

function snapshotIn(state: DossierState, managedBy: ManagedBy) {
  return dossierMachine.resolveState({
    value: state,
    context: { managedBy, submissionDeadline: DEADLINE, returnRequest: null },
  });
}

describe('dossier machine: every state × event × role, as api.md says', () => {
  for (const managedBy of ['district', 'province'] as const) {
    for (const state of DOSSIER_STATES) {
      for (const type of DOSSIER_EVENT_TYPES) {
        const row = TABLE[state]?.[type];
        it(`${managedBy}-managed: ${state} × ${type} → ${row ? row.to[managedBy] + ' by ' + row.role : 'refused'}`, () => {
          const snapshot = snapshotIn(state, managedBy);
          for (const role of ROLES) {
            const event = goodEvent(type, role);
            const allowed = snapshot.can(event);
            expect(allowed, `role ${role}`).toBe(row?.role === role);
            if (allowed && row) {
              const [next] = transition(dossierMachine, snapshot, event);
              expect(next.value).toBe(row.to[managedBy]);
            }
          }
        });
      }
    }
  }

  it('declares exactly the events of the table in each state', () => {
    for (const state of DOSSIER_STATES) {
      expect(eventTypesHandledIn(state).sort()).toEqual(Object.keys(TABLE[state] ?? {}).sort());
    }
  });
});

describe('dossier machine: each guard refuses on its own', () => {
  const district = (s: DossierState) => snapshotIn(s, 'district');
  const unit = { role: 'unit_officer' as const, belongsToUnit: true };
  const reviewer = { role: 'district_reviewer' as const, belongsToUnit: false };

  it('SUBMIT needs a complete self-assessment', () => {
    const s = district('self_assessment');
    expect(
      s.can({ type: 'SUBMIT', actor: unit, at: AT, selfAssessment: { complete: false, passing: true } }),
    ).toBe(false);
  });
  it('SUBMIT needs a passing self-assessment', () => {
    const s = district('self_assessment');
    expect(
      s.can({ type: 'SUBMIT', actor: unit, at: AT, selfAssessment: { complete: true, passing: false } }),
    ).toBe(false);
  });
  it('SUBMIT is refused after the plan deadline, accepted up to its last millisecond', () => {
    const s = district('self_assessment');
    const late = '2026-02-01T17:00:00.000Z';
    expect(s.can({ type: 'SUBMIT', actor: unit, at: late, selfAssessment: GOOD })).toBe(false);
    expect(s.can({ type: 'SUBMIT', actor: unit, at: DEADLINE, selfAssessment: GOOD })).toBe(true);
  });
  it('SUBMIT is refused to an officer of another unit', () => {
    const s = district('self_assessment');
    const stranger = { role: 'unit_officer' as const, belongsToUnit: false };
    expect(s.can({ type: 'SUBMIT', actor: stranger, at: AT, selfAssessment: GOOD })).toBe(false);
  });
  it('FORWARD and PASS need complete and passing review scores', () => {
    for (const review of [
      { complete: false, passing: true },
      { complete: true, passing: false },
    ]) {
      expect(district('district_review').can({ type: 'FORWARD', actor: reviewer, at: AT, review })).toBe(
        false,
      );
      const appraiser = { role: 'provincial_appraiser' as const, belongsToUnit: false };
      expect(district('provincial_appraisal').can({ type: 'PASS', actor: appraiser, at: AT, review })).toBe(
        false,
      );
    }
  });
  it('RETURN, REJECT and REVOKE need a non-blank reason', () => {
    expect(district('district_review').can({ type: 'RETURN', actor: reviewer, at: AT, reason: '   ' })).toBe(
      false,
    );
    expect(district('district_review').can({ type: 'REJECT', actor: reviewer, at: AT, reason: '' })).toBe(
      false,
    );
    const clerk = { role: 'clerk' as const, belongsToUnit: false };
    expect(
      district('recognized').can({ type: 'REVOKE', actor: clerk, at: AT, reason: ' ', decisionId: 'd2' }),
    ).toBe(false);
  });
  it('internal affairs may not RETURN a dossier an open decision holds', () => {
    const ia = { role: 'internal_affairs_officer' as const, belongsToUnit: false };
    const s = district('awaiting_decision');
    expect(s.can({ type: 'RETURN', actor: ia, at: AT, reason: 'Sai', heldByDecision: true })).toBe(false);
    expect(s.can({ type: 'RETURN', actor: ia, at: AT, reason: 'Sai', heldByDecision: false })).toBe(true);
  });
  it('a reviewer who belongs to the unit may not act on its dossier (separation of duties)', () => {
    const insider = { role: 'district_reviewer' as const, belongsToUnit: true };
    expect(district('district_review').can({ type: 'FORWARD', actor: insider, at: AT, review: GOOD })).toBe(
      false,
    );
    expect(district('district_review').can({ type: 'RETURN', actor: insider, at: AT, reason: 'x' })).toBe(
      false,
    );
  });
  it('RETURN records the reason and the criteria to fix; the next forward step clears them', () => {
    const [returned] = transition(dossierMachine, district('district_review'), {
      type: 'RETURN',
      actor: reviewer,
      at: AT,
      reason: '  Thiếu minh chứng  ',
      criteria: [{ code: 'XA-03', note: 'Bổ sung biên bản Ngày hội' }],
    });
    expect(returned.value).toBe('self_assessment');
    expect(returned.context.returnRequest).toEqual({
      reason: 'Thiếu minh chứng',
      criteria: [{ code: 'XA-03', note: 'Bổ sung biên bản Ngày hội' }],
      from: 'district_review',
      at: AT,
    });
    const [resubmitted] = transition(dossierMachine, returned, {
      type: 'SUBMIT',
      actor: unit,
      at: AT,
      selfAssessment: GOOD,
    });
    expect(resubmitted.value).toBe('district_review');
    expect(resubmitted.context.returnRequest).toBeNull();
  });
});

describe('dossier machine: deadline extension (gia hạn)', () => {
  const admin = { role: 'admin' as const, belongsToUnit: false };
  const s = snapshotIn('self_assessment', 'district');
  const unit = { role: 'unit_officer' as const, belongsToUnit: true };

  it('moves the submission deadline, after which SUBMIT is accepted again', () => {
    const late = '2026-02-10T03:00:00.000Z';
    expect(s.can({ type: 'SUBMIT', actor: unit, at: late, selfAssessment: GOOD })).toBe(false);
    const [extended] = transition(dossierMachine, s, {
      type: 'EXTEND_DEADLINE',
      actor: admin,
      at: AT,
      until: LATER,
      reason: 'Lũ lụt',
    });
    expect(extended.value).toBe('self_assessment');
    expect(extended.context.submissionDeadline).toBe(LATER);
    expect(extended.can({ type: 'SUBMIT', actor: unit, at: late, selfAssessment: GOOD })).toBe(true);
  });
  it('needs a reason, a date in the future and later than the current deadline', () => {
    const base = { type: 'EXTEND_DEADLINE' as const, actor: admin, at: AT };
    expect(s.can({ ...base, until: LATER, reason: ' ' })).toBe(false);
    expect(s.can({ ...base, until: DEADLINE, reason: 'x' })).toBe(false);
    expect(s.can({ ...base, until: '2026-01-31T00:00:00.000Z', reason: 'x' })).toBe(false);
    expect(s.can({ ...base, at: '2026-03-01T00:00:00.000Z', until: LATER, reason: 'x' })).toBe(false);
  });
});

describe('dossier machine: paths generated from the machine itself', () => {
  const allEvents = DOSSIER_EVENT_TYPES.flatMap((type) => ROLES.map((role) => goodEvent(type, role)));
  const reachable = (managedBy: ManagedBy) =>
    getShortestPaths(dossierMachine, {
      input: { managedBy, submissionDeadline: DEADLINE },
      events: allEvents,
      serializeState: (s) => JSON.stringify(s.value),
    });

  it('a district-managed dossier can reach every state', () => {
    const states = new Set(reachable('district').map((p) => p.state.value));
    expect([...states].sort()).toEqual([...DOSSIER_STATES].sort());
  });

  it('a province-managed dossier reaches every state but district review', () => {
    const states = new Set(reachable('province').map((p) => p.state.value));
    expect([...states].sort()).toEqual(DOSSIER_STATES.filter((s) => s !== 'district_review').sort());
  });

  it('every step of every generated path is a row of the api.md table', () => {
    for (const managedBy of ['district', 'province'] as const) {
      for (const path of reachable(managedBy)) {
        let previous: DossierState = 'nominated';
        for (const step of path.steps) {
          if ((step.event.type as string) === 'xstate.init') continue;
          const row = TABLE[previous]?.[step.event.type as DossierEventType];
          expect(row, `${previous} × ${step.event.type}`).toBeDefined();
          expect(step.state.value).toBe(row?.to[managedBy]);
          expect((step.event as DossierEvent).actor.role).toBe(row?.role);
          previous = step.state.value as DossierState;
        }
      }
    }
  });

  it('final states take no event', () => {
    for (const state of ['rejected', 'withdrawn', 'revoked'] as const) {
      const snapshot = snapshotIn(state, 'district');
      expect(allEvents.some((e) => snapshot.can(e))).toBe(false);
    }
  });
});

describe('dossier machine: the award dossier', () => {
  const appraiser = { role: 'provincial_appraiser' as const, belongsToUnit: false };
  const affairs = { role: 'internal_affairs_officer' as const, belongsToUnit: false };
  it('is proposed only with its proposal and achievement report on file', () => {
    const recognized = snapshotIn('recognized', 'district');
    const propose = (complete: boolean): DossierEvent => ({
      type: 'PROPOSE_AWARD',
      actor: appraiser,
      at: AT,
      awardProposal: { complete },
    });
    expect(recognized.can(propose(false))).toBe(false);
    expect(recognized.can(propose(true))).toBe(true);
  });

  it('is appraised by Sở Nội vụ with an opinion, never blank, never by one of the unit', () => {
    const proposed = snapshotIn('award_proposed', 'district');
    const appraise = (opinion: string, actor = affairs): DossierEvent => ({
      type: 'APPRAISE_AWARD',
      actor,
      at: AT,
      opinion,
    });
    expect(proposed.can(appraise('Đủ điều kiện'))).toBe(true);
    expect(proposed.can(appraise('  '))).toBe(false);
    expect(proposed.can(appraise('Đủ điều kiện', { ...affairs, belongsToUnit: true }))).toBe(false);
  });
});
