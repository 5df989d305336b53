import { and, assign, setup } from 'xstate';
import type { ManagedBy, Role } from './domain';

/**
 * The lifecycle of a nomination dossier (hồ sơ đề nghị công nhận điển hình), one per unit and year.
 * Pure: everything a guard needs arrives in the context or in the event; the service computes the facts
 * (scores complete? passing? actor's role?) and persists the snapshot, the version and the audit event.
 */

/** Bump when states, events or context change shape, and teach `migrateSnapshot` the old shape. */
export const DOSSIER_MACHINE_VERSION = 'dossier@2';

export const DOSSIER_STATES = [
  'nominated',
  'self_assessment',
  'district_review',
  'provincial_appraisal',
  'awaiting_decision',
  'recognized',
  'award_proposed',
  'awarded',
  'rejected',
  'withdrawn',
  'revoked',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** Events a user sends through `POST /api/dossiers/:id/events`. */
export const USER_EVENT_TYPES = [
  'START',
  'SUBMIT',
  'WITHDRAW',
  'RETURN',
  'FORWARD',
  'PASS',
  'REJECT',
  'PROPOSE_AWARD',
  'REVOKE',
] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];
/** Events only a decision (Quyết định) sends, through the decisions service. */
export const DECISION_EVENT_TYPES = ['RECOGNIZE', 'AWARD'] as const;
/** Events only an admin sends, through their own routes (e.g. a deadline extension). */
export const ADMIN_EVENT_TYPES = ['EXTEND_DEADLINE'] as const;
export const DOSSIER_EVENT_TYPES = [
  ...USER_EVENT_TYPES,
  ...DECISION_EVENT_TYPES,
  ...ADMIN_EVENT_TYPES,
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

/** What the machine needs to know about who acts. */
export interface ActorFacts {
  role: Role;
  /** The actor belongs to the dossier's unit (separation of duties: reviewers may not act then). */
  belongsToUnit: boolean;
}

/** The outcome of scoring one stage, computed by the service from the stored scores and evidence. */
export interface StageCheck {
  /** Every criterion scored (and, for the unit's stage, every required evidence attached). */
  complete: boolean;
  /** Total ≥ passing score and every mandatory criterion met. */
  passing: boolean;
}

export interface CriterionToFix {
  code: string;
  note?: string;
}

export interface ReturnRequest {
  reason: string;
  criteria: CriterionToFix[];
  from: DossierState;
  at: string;
}

export interface DossierContext {
  managedBy: ManagedBy;
  /** End of the plan's submission deadline as an ISO instant; null when the plan sets none. */
  submissionDeadline: string | null;
  /** The latest return (trả lại hồ sơ) still to be answered, shown to whoever must fix it. */
  returnRequest: ReturnRequest | null;
}

export interface DossierInput {
  managedBy: ManagedBy;
  submissionDeadline: string | null;
}

interface WithActor {
  actor: ActorFacts;
  /** When the event happens (ISO instant); the machine never reads a clock. */
  at: string;
}

export type DossierEvent =
  | ({ type: 'START' } & WithActor)
  | ({ type: 'SUBMIT'; selfAssessment: StageCheck } & WithActor)
  | ({ type: 'WITHDRAW' } & WithActor)
  | ({ type: 'RETURN'; reason: string; criteria?: CriterionToFix[] } & WithActor)
  | ({ type: 'FORWARD'; review: StageCheck } & WithActor)
  | ({ type: 'PASS'; review: StageCheck } & WithActor)
  | ({ type: 'REJECT'; reason: string } & WithActor)
  | ({ type: 'PROPOSE_AWARD' } & WithActor)
  | ({ type: 'REVOKE'; reason: string } & WithActor)
  | ({ type: 'RECOGNIZE'; decisionId: string } & WithActor)
  | ({ type: 'AWARD'; decisionId: string } & WithActor)
  /** An admin grants the dossier a later submission deadline (gia hạn), `until` an ISO instant. */
  | ({ type: 'EXTEND_DEADLINE'; until: string; reason: string } & WithActor);

const hasRole = (actor: ActorFacts, role: Role): boolean => actor.role === role;
/** Reviewers, appraisers and internal affairs act only on units they do not belong to. */
const actsIndependently = (actor: ActorFacts, role: Role): boolean =>
  hasRole(actor, role) && !actor.belongsToUnit;

export const dossierMachine = setup({
  types: {
    context: {} as DossierContext,
    events: {} as DossierEvent,
    input: {} as DossierInput,
  },
  guards: {
    actorIsOwnUnitOfficer: ({ event }) => hasRole(event.actor, 'unit_officer') && event.actor.belongsToUnit,
    actorIsDistrictReviewer: ({ event }) => actsIndependently(event.actor, 'district_reviewer'),
    actorIsProvincialAppraiser: ({ event }) => actsIndependently(event.actor, 'provincial_appraiser'),
    actorIsInternalAffairsOfficer: ({ event }) => actsIndependently(event.actor, 'internal_affairs_officer'),
    selfAssessmentComplete: ({ event }) => event.type === 'SUBMIT' && event.selfAssessment.complete,
    selfAssessmentPassing: ({ event }) => event.type === 'SUBMIT' && event.selfAssessment.passing,
    beforeSubmissionDeadline: ({ context, event }) =>
      context.submissionDeadline === null || Date.parse(event.at) <= Date.parse(context.submissionDeadline),
    reviewComplete: ({ event }) =>
      (event.type === 'FORWARD' || event.type === 'PASS') && event.review.complete,
    reviewPassing: ({ event }) => (event.type === 'FORWARD' || event.type === 'PASS') && event.review.passing,
    actorIsAdmin: ({ event }) => hasRole(event.actor, 'admin'),
    hasReason: ({ event }) =>
      (event.type === 'RETURN' ||
        event.type === 'REJECT' ||
        event.type === 'REVOKE' ||
        event.type === 'EXTEND_DEADLINE') &&
      event.reason.trim().length > 0,
    /** An extension must end in the future and later than the deadline it replaces. */
    extendsDeadline: ({ context, event }) =>
      event.type === 'EXTEND_DEADLINE' &&
      Date.parse(event.until) > Date.parse(event.at) &&
      (context.submissionDeadline === null ||
        Date.parse(event.until) > Date.parse(context.submissionDeadline)),
    managedByDistrict: ({ context }) => context.managedBy === 'district',
    managedByProvince: ({ context }) => context.managedBy === 'province',
  },
  actions: {
    recordReturn: assign({
      returnRequest: ({ event }, params: { from: DossierState }) =>
        event.type === 'RETURN'
          ? { reason: event.reason.trim(), criteria: event.criteria ?? [], from: params.from, at: event.at }
          : null,
    }),
    clearReturn: assign({ returnRequest: null }),
    setSubmissionDeadline: assign({
      submissionDeadline: ({ context, event }) =>
        event.type === 'EXTEND_DEADLINE' ? event.until : context.submissionDeadline,
    }),
  },
}).createMachine({
  id: 'dossier',
  initial: 'nominated',
  context: ({ input }) => ({
    managedBy: input.managedBy,
    submissionDeadline: input.submissionDeadline,
    returnRequest: null,
  }),
  states: {
    nominated: {
      on: {
        START: { target: 'self_assessment', guard: 'actorIsOwnUnitOfficer' },
        WITHDRAW: { target: 'withdrawn', guard: 'actorIsOwnUnitOfficer' },
        EXTEND_DEADLINE: {
          guard: and(['actorIsAdmin', 'hasReason', 'extendsDeadline']),
          actions: 'setSubmissionDeadline',
        },
      },
    },
    self_assessment: {
      on: {
        SUBMIT: [
          {
            target: 'district_review',
            guard: and([
              'actorIsOwnUnitOfficer',
              'selfAssessmentComplete',
              'selfAssessmentPassing',
              'beforeSubmissionDeadline',
              'managedByDistrict',
            ]),
            actions: 'clearReturn',
          },
          {
            // Province-managed units (and every unit of a province without districts) skip district review.
            target: 'provincial_appraisal',
            guard: and([
              'actorIsOwnUnitOfficer',
              'selfAssessmentComplete',
              'selfAssessmentPassing',
              'beforeSubmissionDeadline',
              'managedByProvince',
            ]),
            actions: 'clearReturn',
          },
        ],
        WITHDRAW: { target: 'withdrawn', guard: 'actorIsOwnUnitOfficer' },
        EXTEND_DEADLINE: {
          guard: and(['actorIsAdmin', 'hasReason', 'extendsDeadline']),
          actions: 'setSubmissionDeadline',
        },
      },
    },
    district_review: {
      on: {
        FORWARD: {
          target: 'provincial_appraisal',
          guard: and(['actorIsDistrictReviewer', 'reviewComplete', 'reviewPassing']),
          actions: 'clearReturn',
        },
        RETURN: {
          target: 'self_assessment',
          guard: and(['actorIsDistrictReviewer', 'hasReason']),
          actions: { type: 'recordReturn', params: { from: 'district_review' } },
        },
        REJECT: { target: 'rejected', guard: and(['actorIsDistrictReviewer', 'hasReason']) },
      },
    },
    provincial_appraisal: {
      on: {
        PASS: {
          target: 'awaiting_decision',
          guard: and(['actorIsProvincialAppraiser', 'reviewComplete', 'reviewPassing']),
          actions: 'clearReturn',
        },
        RETURN: [
          {
            target: 'district_review',
            guard: and(['actorIsProvincialAppraiser', 'hasReason', 'managedByDistrict']),
            actions: { type: 'recordReturn', params: { from: 'provincial_appraisal' } },
          },
          {
            target: 'self_assessment',
            guard: and(['actorIsProvincialAppraiser', 'hasReason', 'managedByProvince']),
            actions: { type: 'recordReturn', params: { from: 'provincial_appraisal' } },
          },
        ],
        REJECT: { target: 'rejected', guard: and(['actorIsProvincialAppraiser', 'hasReason']) },
      },
    },
    awaiting_decision: {
      on: {
        RECOGNIZE: { target: 'recognized', guard: 'actorIsInternalAffairsOfficer', actions: 'clearReturn' },
        RETURN: {
          target: 'provincial_appraisal',
          guard: and(['actorIsInternalAffairsOfficer', 'hasReason']),
          actions: { type: 'recordReturn', params: { from: 'awaiting_decision' } },
        },
      },
    },
    recognized: {
      on: {
        PROPOSE_AWARD: { target: 'award_proposed', guard: 'actorIsProvincialAppraiser' },
        REVOKE: { target: 'revoked', guard: and(['actorIsInternalAffairsOfficer', 'hasReason']) },
      },
    },
    award_proposed: {
      on: {
        AWARD: { target: 'awarded', guard: 'actorIsInternalAffairsOfficer' },
      },
    },
    awarded: {
      on: {
        REVOKE: { target: 'revoked', guard: and(['actorIsInternalAffairsOfficer', 'hasReason']) },
      },
    },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
    revoked: { type: 'final' },
  },
});

/** Event types the machine handles in a state, whoever sends them and whatever the facts. */
export function eventTypesHandledIn(state: DossierState): DossierEventType[] {
  const node = dossierMachine.states[state];
  return node ? (Object.keys(node.on) as DossierEventType[]) : [];
}
