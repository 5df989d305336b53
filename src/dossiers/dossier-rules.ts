import type { ManagedBy, Role, ScoreStage } from '../../machines/domain';
import {
  DOSSIER_STATES,
  USER_EVENT_TYPES,
  dossierMachine,
  eventTypesHandledIn,
  type ActorFacts,
  type DossierEvent,
  type DossierEventType,
  type DossierState,
  type DossierStateMeta,
  type DossierTag,
  type UserEventType,
} from '../../machines/dossier.machine';
import type { Dossier } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { inJurisdiction } from '../auth/jurisdiction';
import { ConflictError, ForbiddenError } from '../http/errors';
import type { DossierSnapshot } from './dossier-snapshot';
import { EVENT_LABELS } from './labels';

/*
 * The one module that reads the dossier machine's table for the rest of the code: what a state means
 * (its meta and tags) and what a user may do with a dossier now (the machine's `can()`). Nothing else
 * keeps a table keyed by state or compares state names (test/dossiers/lifecycle-guard.test.ts).
 */

const nodeOf = (state: DossierState) => dossierMachine.states[state];

/** The state's meta as the machine declares it. */
function metaOf(state: DossierState): DossierStateMeta {
  return nodeOf(state).meta as DossierStateMeta;
}

const isState = (state: string): state is DossierState =>
  (DOSSIER_STATES as readonly string[]).includes(state);

/** The state's Vietnamese name; an unknown name is shown as it is. */
export function stateLabel(state: string): string {
  return isState(state) ? metaOf(state).label : state;
}

/** Every state with its Vietnamese name, in the machine's order (filters, legends). */
export function stateOptions(): [DossierState, string][] {
  return DOSSIER_STATES.map((s) => [s, metaOf(s).label]);
}

/** Whether the state carries `tag`. */
export function hasTag(state: string, tag: DossierTag): boolean {
  return isState(state) && nodeOf(state).tags.includes(tag);
}

/** The states carrying `tag`: what list queries filter on. */
export function statesTagged(tag: DossierTag): DossierState[] {
  return DOSSIER_STATES.filter((s) => hasTag(s, tag));
}

/** The state a new dossier starts in. */
export function initialState(): DossierState {
  return dossierMachine.config.initial as DossierState;
}

/** Roles whose move the dossier waits for in `state`. */
export function actingRoles(state: DossierState): readonly Role[] {
  return metaOf(state).actingRoles;
}

/** The states in which `role` must act. */
export function statesWhereActs(role: Role): DossierState[] {
  return DOSSIER_STATES.filter((s) => metaOf(s).actingRoles.includes(role));
}

/** The score sheet open in `state`, or null. */
export function scoringStageOf(state: DossierState): ScoreStage | null {
  return metaOf(state).scoringStage ?? null;
}

/** A reviewing stage's working days and the plan year's field that may end it earlier, or null. */
export function stageBudget(state: DossierState): DossierStateMeta['budget'] | null {
  return metaOf(state).budget ?? null;
}

/** The states that take an event of `type` (e.g. those a decision of a kind moves on). */
export function statesAccepting(type: DossierEventType): DossierState[] {
  return DOSSIER_STATES.filter((s) => eventTypesHandledIn(s).includes(type));
}

/**
 * The usual path of a dossier for the step indicator: district review only for district-managed units, the
 * award steps only once the dossier is on them.
 */
export function progressSteps(managedBy: ManagedBy, current: DossierState): DossierState[] {
  return DOSSIER_STATES.filter((s) => metaOf(s).step !== undefined)
    .filter((s) => managedBy === 'district' || !hasTag(s, 'district_stage'))
    .filter((s) => !hasTag(s, 'award_path') || hasTag(current, 'award_path'))
    .sort((a, b) => (metaOf(a).step ?? 0) - (metaOf(b).step ?? 0));
}

/** The machine's view of who acts. */
export function actorFacts(user: CurrentUser, dossier: Pick<Dossier, 'unitId'>): ActorFacts {
  return { role: user.role, belongsToUnit: user.unitId !== null && user.unitId === dossier.unitId };
}

const GOOD = { complete: true, passing: true } as const;
const FAR_FUTURE = '9999-12-31T16:59:59.999Z';

/** The event with every content fact assumed satisfied: what this user could do if the dossier were ready. */
function probeEvent(
  type: UserEventType | 'SAVE_SCORES' | 'CHANGE_EVIDENCE' | 'EXTEND_DEADLINE' | 'APPRAISE_AWARD',
  actor: ActorFacts,
  at: string,
): DossierEvent {
  switch (type) {
    case 'SUBMIT':
      return { type, actor, at, selfAssessment: GOOD };
    case 'FORWARD':
    case 'PASS':
      return { type, actor, at, review: GOOD };
    case 'RETURN':
    case 'REJECT':
      return { type, actor, at, reason: 'probe' };
    case 'EXTEND_DEADLINE':
      return { type, actor, at, reason: 'probe', until: FAR_FUTURE };
    case 'PROPOSE_AWARD':
      return { type, actor, at, awardProposal: GOOD };
    case 'APPRAISE_AWARD':
      return { type, actor, at, opinion: 'probe' };
    case 'START':
    case 'WITHDRAW':
    case 'SAVE_SCORES':
    case 'CHANGE_EVIDENCE':
      return { type, actor, at };
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** What a user may do with a dossier now, and who else it waits for. */
export interface DossierRules {
  /** User events this user may send (rules on the dossier's content are checked on sending). */
  allowedEvents: UserEventType[];
  /** The score sheet this user may save now, or null. */
  scoringStage: ScoreStage | null;
  /** Whether this user may add or remove evidence now. */
  mayChangeEvidence: boolean;
  /** Whether this user may give the dossier a later submission deadline now (any later date). */
  mayExtendDeadline: boolean;
  /** Whether this user may record Sở Nội vụ's appraisal of the award proposal now. */
  mayAppraiseAward: boolean;
  /** Roles whose move the dossier waits for. */
  actingRoles: readonly Role[];
  /** Whether the stage runs against a due date. */
  timed: boolean;
}

/** Everything the rest of the code asks about a user and a dossier; nothing is allowed outside jurisdiction. */
export function rulesFor(user: CurrentUser, dossier: Dossier, snapshot: DossierSnapshot): DossierRules {
  const state = snapshot.value as DossierState;
  const actor = actorFacts(user, dossier);
  // The deadline is a content rule too: probe at the start of the stage so that it never hides an event.
  const can = (type: Parameters<typeof probeEvent>[0]) =>
    inJurisdiction(user, dossier) && snapshot.can(probeEvent(type, actor, dossier.stageEnteredAt));
  return {
    allowedEvents: USER_EVENT_TYPES.filter(can),
    scoringStage: can('SAVE_SCORES') ? scoringStageOf(state) : null,
    mayChangeEvidence: can('CHANGE_EVIDENCE'),
    mayExtendDeadline: can('EXTEND_DEADLINE'),
    mayAppraiseAward: can('APPRAISE_AWARD'),
    actingRoles: actingRoles(state),
    timed: hasTag(state, 'timed'),
  };
}

/**
 * The one refusal of an event the dossier's state does not take: 409 naming the state and what this user
 * can do instead (`details.allowedEvents`), for the API and the pages alike.
 */
export function eventNotAllowed(
  state: DossierState,
  type: DossierEventType,
  allowedEvents: readonly UserEventType[],
): ConflictError {
  const instead = allowedEvents.length
    ? ` Bạn có thể: ${allowedEvents.map((e) => EVENT_LABELS[e]).join('; ')}.`
    : ' Ở bước này hồ sơ không chờ thao tác nào của bạn.';
  return new ConflictError(
    'event_not_allowed',
    `Không thể thực hiện "${EVENT_LABELS[type]}" khi hồ sơ ở bước "${stateLabel(state)}".${instead}`,
    { state, event: type, allowedEvents },
  );
}

/**
 * Checks that this user may edit the dossier now (`SAVE_SCORES` of `stage`, or `CHANGE_EVIDENCE`): 409 when
 * the state takes no such edit, 403 when it does but not from this user (another stage's reviewer, or a
 * reviewer of their own unit).
 */
export function assertMayEdit(
  user: CurrentUser,
  dossier: Dossier,
  snapshot: DossierSnapshot,
  edit: { type: 'SAVE_SCORES'; stage: ScoreStage | 'review' } | { type: 'CHANGE_EVIDENCE' },
): void {
  const state = snapshot.value as DossierState;
  const rules = rulesFor(user, dossier, snapshot);
  const open = scoringStageOf(state);
  const handled =
    eventTypesHandledIn(state).includes(edit.type) &&
    (edit.type === 'CHANGE_EVIDENCE' ||
      edit.stage === open ||
      (edit.stage === 'review' && open !== null && open !== 'self'));
  if (!handled) throw eventNotAllowed(state, edit.type, rules.allowedEvents);
  const may = edit.type === 'SAVE_SCORES' ? rules.scoringStage !== null : rules.mayChangeEvidence;
  if (may) return;
  if (actorFacts(user, dossier).belongsToUnit && user.role !== 'unit_officer') {
    throw new ForbiddenError('conflict_of_interest', 'Bạn không được chấm điểm hồ sơ của đơn vị mình.');
  }
  throw new ForbiddenError('not_stage_reviewer', 'Bạn không phải người xử lý hồ sơ ở bước này.', { state });
}
