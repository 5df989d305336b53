import {
  DECISION_EVENT_TYPES,
  DECISION_STATES,
  decisionEventsHandledIn,
  decisionMachine,
  type DecisionActor,
  type DecisionEvent,
  type DecisionEventType,
  type DecisionState,
  type DecisionStateMeta,
  type DecisionTag,
} from '../../machines/decision.machine';
import type { Decision } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { ConflictError } from '../http/errors';

/*
 * The one module that reads the decision machine's table: what a state means and what a user may do with
 * a decision now. Nothing else compares decision state names.
 */

const isState = (s: string): s is DecisionState => (DECISION_STATES as readonly string[]).includes(s);
const metaOf = (s: DecisionState) => decisionMachine.states[s].meta as DecisionStateMeta;

/** The decision state's Vietnamese name. */
export function decisionStateLabel(state: string): string {
  return isState(state) ? metaOf(state).label : state;
}

/** Whether the state carries `tag`. */
export function decisionHasTag(state: string, tag: DecisionTag): boolean {
  return isState(state) && decisionMachine.states[state].tags.includes(tag);
}

/** The states carrying `tag` (list queries filter on them). */
export function decisionStatesTagged(tag: DecisionTag): DecisionState[] {
  return DECISION_STATES.filter((s) => decisionHasTag(s, tag));
}

/** The state a new decision starts in. */
export function initialDecisionState(): DecisionState {
  return decisionMachine.config.initial as DecisionState;
}

/** The states in which a role must act on a decision. */
export function decisionStatesWhereActs(role: CurrentUser['role']): DecisionState[] {
  return DECISION_STATES.filter((s) => metaOf(s).actingRoles.includes(role));
}

/** Roles whose move the decision waits for. */
export function decisionActingRoles(state: DecisionState): readonly CurrentUser['role'][] {
  return metaOf(state).actingRoles;
}

/** The machine's view of who acts. */
export function decisionActor(user: CurrentUser, decision: Pick<Decision, 'signerId'>): DecisionActor {
  return { role: user.role, isAssignedSigner: decision.signerId !== null && decision.signerId === user.id };
}

/** The decision's snapshot, restored from its state column (its context is empty). */
export function decisionSnapshot(decision: Pick<Decision, 'state'>) {
  return decisionMachine.resolveState({ value: decision.state as DecisionState, context: {} });
}

function probe(type: DecisionEventType, actor: DecisionActor, at: string): DecisionEvent {
  switch (type) {
    case 'SUBMIT':
      return { type, actor, at, proposalComplete: true, signerAssigned: true };
    case 'RETURN':
    case 'CANCEL':
      return { type, actor, at, reason: 'probe' };
    case 'SIGN':
    case 'ISSUE':
      return { type, actor, at };
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** The events this user may send to the decision now (content rules are checked on sending). */
export function allowedDecisionEvents(user: CurrentUser, decision: Decision): DecisionEventType[] {
  const snapshot = decisionSnapshot(decision);
  const actor = decisionActor(user, decision);
  return DECISION_EVENT_TYPES.filter((t) => snapshot.can(probe(t, actor, decision.createdAt)));
}

/** Whether the decision's state takes events of `type` at all (409 otherwise, 403 when not this user). */
export function decisionStateTakes(decision: Decision, type: DecisionEventType): boolean {
  return decisionEventsHandledIn(decision.state as DecisionState).includes(type);
}

const EVENT_LABELS: Record<DecisionEventType, string> = {
  SUBMIT: 'Trình ký',
  RETURN: 'Trả lại dự thảo',
  SIGN: 'Ký',
  ISSUE: 'Cấp số và ban hành',
  CANCEL: 'Hủy dự thảo',
};

/** The Vietnamese name of a decision event, for buttons and messages. */
export const decisionEventLabel = (type: DecisionEventType): string => EVENT_LABELS[type];

/** The one refusal of an event the decision's state does not take: 409 with what the user can do instead. */
export function decisionEventNotAllowed(
  decision: Decision,
  type: DecisionEventType,
  allowed: readonly DecisionEventType[],
): ConflictError {
  const instead = allowed.length
    ? ` Bạn có thể: ${allowed.map(decisionEventLabel).join('; ')}.`
    : ' Ở bước này quyết định không chờ thao tác nào của bạn.';
  return new ConflictError(
    'event_not_allowed',
    `Không thể thực hiện "${decisionEventLabel(type)}" khi quyết định ở bước "${decisionStateLabel(decision.state)}".${instead}`,
    { state: decision.state, event: type, allowedEvents: allowed },
  );
}
