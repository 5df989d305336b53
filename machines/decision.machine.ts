import { and, setup } from 'xstate';
import type { Role } from './domain';

/**
 * The lifecycle of a decision (Quyết định) under Nghị định 30/2020: internal affairs drafts it with its
 * proposal (Tờ trình), the assigned leader signs or returns it, the văn thư (clerk) gives it the register's
 * number and date and issues it. Pure: the service computes the facts and persists the snapshot, the
 * version and the event.
 */

export const DECISION_MACHINE_VERSION = 'decision@1';

export const DECISION_STATES = ['draft', 'submitted', 'signed', 'issued', 'cancelled'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export const DECISION_EVENT_TYPES = ['SUBMIT', 'RETURN', 'SIGN', 'ISSUE', 'CANCEL'] as const;
export type DecisionEventType = (typeof DECISION_EVENT_TYPES)[number];

/** What depends on a decision's state; read through src/decisions/decision-rules.ts. */
export interface DecisionStateMeta {
  label: string;
  /** Roles whose move the decision waits for. */
  actingRoles: readonly Role[];
}

/**
 * - `open`: the decision holds its dossiers (none may be in two open decisions, none may be returned).
 * - `editable`: internal affairs may still change the draft.
 * - `numbered`: the decision has its register number and date.
 */
export type DecisionTag = 'open' | 'editable' | 'numbered';

export interface DecisionActor {
  role: Role;
  /** The actor is the leader assigned to sign this decision. */
  isAssignedSigner: boolean;
}

interface WithActor {
  actor: DecisionActor;
  at: string;
}

export type DecisionEvent =
  | ({ type: 'SUBMIT'; proposalComplete: boolean; signerAssigned: boolean } & WithActor)
  | ({ type: 'RETURN'; reason: string } & WithActor)
  | ({ type: 'SIGN' } & WithActor)
  | ({ type: 'ISSUE' } & WithActor)
  | ({ type: 'CANCEL'; reason: string } & WithActor);

export const decisionMachine = setup({
  types: {
    events: {} as DecisionEvent,
    meta: {} as DecisionStateMeta,
    tags: {} as DecisionTag,
  },
  guards: {
    actorIsInternalAffairs: ({ event }) => event.actor.role === 'internal_affairs_officer',
    actorIsAssignedSigner: ({ event }) => event.actor.role === 'signer' && event.actor.isAssignedSigner,
    actorIsClerk: ({ event }) => event.actor.role === 'clerk',
    proposalReady: ({ event }) => event.type === 'SUBMIT' && event.proposalComplete && event.signerAssigned,
    hasReason: ({ event }) =>
      (event.type === 'RETURN' || event.type === 'CANCEL') && event.reason.trim().length > 0,
  },
}).createMachine({
  id: 'decision',
  initial: 'draft',
  states: {
    draft: {
      meta: { label: 'Dự thảo', actingRoles: ['internal_affairs_officer'] },
      tags: ['open', 'editable'],
      on: {
        SUBMIT: { target: 'submitted', guard: and(['actorIsInternalAffairs', 'proposalReady']) },
        CANCEL: { target: 'cancelled', guard: and(['actorIsInternalAffairs', 'hasReason']) },
      },
    },
    submitted: {
      meta: { label: 'Chờ ký', actingRoles: ['signer'] },
      tags: ['open'],
      on: {
        SIGN: { target: 'signed', guard: 'actorIsAssignedSigner' },
        RETURN: { target: 'draft', guard: and(['actorIsAssignedSigner', 'hasReason']) },
        CANCEL: { target: 'cancelled', guard: and(['actorIsInternalAffairs', 'hasReason']) },
      },
    },
    signed: {
      meta: { label: 'Đã ký, chờ ban hành', actingRoles: ['clerk'] },
      tags: ['open'],
      on: {
        ISSUE: { target: 'issued', guard: 'actorIsClerk' },
      },
    },
    issued: {
      type: 'final',
      meta: { label: 'Đã ban hành', actingRoles: [] },
      tags: ['numbered'],
    },
    cancelled: { type: 'final', meta: { label: 'Đã hủy', actingRoles: [] } },
  },
});

/** Event types the machine handles in a state, whoever sends them and whatever the facts. */
export function decisionEventsHandledIn(state: DecisionState): DecisionEventType[] {
  return Object.keys(decisionMachine.states[state].on) as DecisionEventType[];
}
