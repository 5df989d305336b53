import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { ROLES, type Role } from '../../machines/domain';
import {
  DECISION_EVENT_TYPES,
  DECISION_STATES,
  decisionEventsHandledIn,
  decisionMachine,
  type DecisionEvent,
  type DecisionEventType,
  type DecisionState,
} from '../../machines/decision.machine';

const AT = '2026-12-02T03:00:00.000Z';

/** api.md's decision table: the target and who sends each event. */
type Row = { to: DecisionState; role: Role };
const TABLE: Partial<Record<DecisionState, Partial<Record<DecisionEventType, Row>>>> = {
  draft: {
    SUBMIT: { to: 'submitted', role: 'internal_affairs_officer' },
    CANCEL: { to: 'cancelled', role: 'internal_affairs_officer' },
  },
  submitted: {
    SIGN: { to: 'signed', role: 'signer' },
    RETURN: { to: 'draft', role: 'signer' },
    CANCEL: { to: 'cancelled', role: 'internal_affairs_officer' },
  },
  signed: { ISSUE: { to: 'issued', role: 'clerk' } },
};

/** An event with every fact satisfied; a signer is the assigned one. */
function goodEvent(type: DecisionEventType, role: Role): DecisionEvent {
  const actor = { role, isAssignedSigner: role === 'signer' };
  switch (type) {
    case 'SUBMIT':
      return { type, actor, at: AT, proposalComplete: true, signerAssigned: true };
    case 'RETURN':
    case 'CANCEL':
      return { type, actor, at: AT, reason: 'Lý do' };
    case 'SIGN':
    case 'ISSUE':
      return { type, actor, at: AT };
  }
}

const snapshotIn = (state: DecisionState) => decisionMachine.resolveState({ value: state, context: {} });

describe('decision machine: every state × event × role, as api.md says', () => {
  for (const state of DECISION_STATES) {
    for (const type of DECISION_EVENT_TYPES) {
      const row = TABLE[state]?.[type];
      it(`${state} × ${type} → ${row ? `${row.to} by ${row.role}` : 'refused'}`, () => {
        for (const role of ROLES) {
          const event = goodEvent(type, role);
          const allowed = snapshotIn(state).can(event);
          expect(allowed, role).toBe(row?.role === role);
          if (allowed && row)
            expect(transition(decisionMachine, snapshotIn(state), event)[0].value).toBe(row.to);
        }
      });
    }
  }

  it('declares exactly the events of the table in each state', () => {
    for (const state of DECISION_STATES) {
      expect(decisionEventsHandledIn(state).sort()).toEqual(Object.keys(TABLE[state] ?? {}).sort());
    }
  });
});

describe('decision machine: each guard refuses on its own', () => {
  const signer = { role: 'signer' as const, isAssignedSigner: true };
  const otherLeader = { role: 'signer' as const, isAssignedSigner: false };
  const affairs = { role: 'internal_affairs_officer' as const, isAssignedSigner: false };

  it('SUBMIT needs the proposal and the signer', () => {
    const s = snapshotIn('draft');
    expect(
      s.can({ type: 'SUBMIT', actor: affairs, at: AT, proposalComplete: false, signerAssigned: true }),
    ).toBe(false);
    expect(
      s.can({ type: 'SUBMIT', actor: affairs, at: AT, proposalComplete: true, signerAssigned: false }),
    ).toBe(false);
  });
  it('only the assigned leader signs or returns; a return and a cancellation need a reason', () => {
    const s = snapshotIn('submitted');
    expect(s.can({ type: 'SIGN', actor: otherLeader, at: AT })).toBe(false);
    expect(s.can({ type: 'RETURN', actor: signer, at: AT, reason: '  ' })).toBe(false);
    expect(s.can({ type: 'CANCEL', actor: affairs, at: AT, reason: '' })).toBe(false);
  });
  it('issued and cancelled are final; only draft, submitted and signed hold their dossiers', () => {
    expect(snapshotIn('issued').status).toBe('done');
    expect(snapshotIn('cancelled').status).toBe('done');
    for (const state of DECISION_STATES) {
      expect(snapshotIn(state).hasTag('open'), state).toBe(['draft', 'submitted', 'signed'].includes(state));
    }
  });
});

describe('decision machine: generated paths', () => {
  it('reaches every state from a draft, by the people of the table', () => {
    const events = DECISION_EVENT_TYPES.flatMap((type) => ROLES.map((role) => goodEvent(type, role)));
    const paths = getShortestPaths(decisionMachine, { events });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual([...DECISION_STATES].sort());
    const issued = paths.find((p) => p.state.value === 'issued');
    expect(issued?.steps.map((s) => s.event.type)).toEqual(['xstate.init', 'SUBMIT', 'SIGN', 'ISSUE']);
  });
});
