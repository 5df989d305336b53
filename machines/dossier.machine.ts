import { and, assign, setup } from 'xstate';
import type { ManagedBy, Role } from './domain';
import type {
  ActorFacts,
  CriterionToFix,
  DossierEventType,
  DossierState,
  DossierStateMeta,
  DossierTag,
  ReturnRequest,
  StageCheck,
} from './dossier.types';

export {
  ADMIN_EVENT_TYPES,
  DECISION_EVENT_TYPES,
  DOSSIER_EVENT_TYPES,
  DOSSIER_STATES,
  EDIT_EVENT_TYPES,
  USER_EVENT_TYPES,
} from './dossier.types';
export type {
  ActorFacts,
  CriterionToFix,
  DossierEventType,
  DossierState,
  DossierStateMeta,
  DossierTag,
  EditEventType,
  ReturnRequest,
  StageCheck,
  UserEventType,
} from './dossier.types';

/**
 * The lifecycle of a nomination dossier (hồ sơ đề nghị công nhận điển hình), one per unit and year.
 * Pure: everything a guard needs arrives in the context or in the event; the service computes the facts
 * (scores complete? passing? actor's role?) and persists the snapshot, the version and the audit event.
 */

/** Bump when states, events or context change shape, and teach `migrateSnapshot` the old shape. */
export const DOSSIER_MACHINE_VERSION = 'dossier@2';

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
  | ({
      type: 'RETURN';
      reason: string;
      criteria?: CriterionToFix[];
      /** The dossier is named in an open decision (drafted, awaiting signature or issue). */
      heldByDecision?: boolean;
    } & WithActor)
  | ({ type: 'FORWARD'; review: StageCheck } & WithActor)
  | ({ type: 'PASS'; review: StageCheck } & WithActor)
  | ({ type: 'REJECT'; reason: string } & WithActor)
  /** `awardProposal.complete`: the proposal (Tờ trình: number, date) and the achievement report are on file. */
  | ({ type: 'PROPOSE_AWARD'; awardProposal: { complete: boolean } } & WithActor)
  /** Sở Nội vụ's appraisal of the award proposal: its opinion (and score), before the award is drafted. */
  | ({ type: 'APPRAISE_AWARD'; opinion: string } & WithActor)
  | ({ type: 'REVOKE'; reason: string; decisionId: string } & WithActor)
  | ({ type: 'RECOGNIZE'; decisionId: string } & WithActor)
  | ({ type: 'AWARD'; decisionId: string } & WithActor)
  /** An admin grants the dossier a later submission deadline (gia hạn), `until` an ISO instant. */
  | ({ type: 'EXTEND_DEADLINE'; until: string; reason: string } & WithActor)
  | ({ type: 'SAVE_SCORES' } & WithActor)
  | ({ type: 'CHANGE_EVIDENCE' } & WithActor);

const hasRole = (actor: ActorFacts, role: Role): boolean => actor.role === role;
/** Reviewers, appraisers and internal affairs act only on units they do not belong to. */
const actsIndependently = (actor: ActorFacts, role: Role): boolean =>
  hasRole(actor, role) && !actor.belongsToUnit;

export const dossierMachine = setup({
  types: {
    context: {} as DossierContext,
    events: {} as DossierEvent,
    input: {} as DossierInput,
    meta: {} as DossierStateMeta,
    tags: {} as DossierTag,
  },
  guards: {
    actorIsOwnUnitOfficer: ({ event }) => hasRole(event.actor, 'unit_officer') && event.actor.belongsToUnit,
    actorIsDistrictReviewer: ({ event }) => actsIndependently(event.actor, 'district_reviewer'),
    actorIsProvincialAppraiser: ({ event }) => actsIndependently(event.actor, 'provincial_appraiser'),
    actorIsInternalAffairsOfficer: ({ event }) => actsIndependently(event.actor, 'internal_affairs_officer'),
    /** The văn thư issues decisions: the dossier moves when its decision is issued. */
    actorIsClerk: ({ event }) => actsIndependently(event.actor, 'clerk'),
    awardProposalComplete: ({ event }) => event.type === 'PROPOSE_AWARD' && event.awardProposal.complete,
    hasOpinion: ({ event }) => event.type === 'APPRAISE_AWARD' && event.opinion.trim().length > 0,
    notHeldByDecision: ({ event }) => event.type !== 'RETURN' || event.heldByDecision !== true,
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
    // Edits change rows beside the dossier, not its context. A transition that neither moves nor acts is
    // not "possible" to xstate's can(), so an edit names this action to be answered like any event.
    acceptEdit: () => undefined,
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
      meta: { label: 'Đã đăng ký', actingRoles: ['unit_officer'], step: 1 },
      tags: ['preparing', 'timed', 'registered'],
      on: {
        // Scores are typed only once the self-assessment has started (START): nothing typed is lost.
        CHANGE_EVIDENCE: { guard: 'actorIsOwnUnitOfficer', actions: 'acceptEdit' },
        START: { target: 'self_assessment', guard: 'actorIsOwnUnitOfficer' },
        WITHDRAW: { target: 'withdrawn', guard: 'actorIsOwnUnitOfficer' },
        EXTEND_DEADLINE: {
          guard: and(['actorIsAdmin', 'hasReason', 'extendsDeadline']),
          actions: 'setSubmissionDeadline',
        },
      },
    },
    self_assessment: {
      meta: { label: 'Đơn vị tự đánh giá', actingRoles: ['unit_officer'], scoringStage: 'self', step: 2 },
      tags: ['preparing', 'timed', 'registered'],
      on: {
        SAVE_SCORES: { guard: 'actorIsOwnUnitOfficer', actions: 'acceptEdit' },
        CHANGE_EVIDENCE: { guard: 'actorIsOwnUnitOfficer', actions: 'acceptEdit' },
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
      meta: {
        label: 'Cấp huyện thẩm tra',
        actingRoles: ['district_reviewer'],
        scoringStage: 'district',
        budget: { workingDays: 10, planDeadline: 'districtReviewDeadline' },
        step: 3,
      },
      tags: ['timed', 'district_stage', 'registered'],
      on: {
        SAVE_SCORES: { guard: 'actorIsDistrictReviewer', actions: 'acceptEdit' },
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
      meta: {
        label: 'Cấp tỉnh thẩm định',
        actingRoles: ['provincial_appraiser'],
        scoringStage: 'provincial',
        budget: { workingDays: 15, planDeadline: 'appraisalDeadline' },
        step: 4,
      },
      tags: ['timed', 'registered'],
      on: {
        SAVE_SCORES: { guard: 'actorIsProvincialAppraiser', actions: 'acceptEdit' },
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
      meta: {
        label: 'Chờ quyết định công nhận',
        actingRoles: ['internal_affairs_officer'],
        budget: { workingDays: 10, planDeadline: null },
        step: 5,
      },
      tags: ['timed', 'registered'],
      on: {
        RECOGNIZE: { target: 'recognized', guard: 'actorIsClerk', actions: 'clearReturn' },
        RETURN: {
          target: 'provincial_appraisal',
          guard: and(['actorIsInternalAffairsOfficer', 'hasReason', 'notHeldByDecision']),
          actions: { type: 'recordReturn', params: { from: 'awaiting_decision' } },
        },
      },
    },
    recognized: {
      meta: { label: 'Đã công nhận', actingRoles: [], step: 6 },
      tags: ['registered', 'decided', 'recognized', 'unit_outcome'],
      on: {
        PROPOSE_AWARD: {
          target: 'award_proposed',
          guard: and(['actorIsProvincialAppraiser', 'awardProposalComplete']),
        },
        REVOKE: { target: 'revoked', guard: and(['actorIsClerk', 'hasReason']) },
      },
    },
    award_proposed: {
      meta: { label: 'Đề nghị khen thưởng', actingRoles: ['internal_affairs_officer'], step: 7 },
      tags: ['award_path', 'registered', 'decided', 'recognized'],
      on: {
        APPRAISE_AWARD: {
          guard: and(['actorIsInternalAffairsOfficer', 'hasOpinion']),
          actions: 'acceptEdit',
        },
        AWARD: { target: 'awarded', guard: 'actorIsClerk' },
      },
    },
    awarded: {
      meta: { label: 'Đã khen thưởng', actingRoles: [], step: 8 },
      tags: ['award_path', 'registered', 'decided', 'recognized', 'unit_outcome'],
      on: {
        REVOKE: { target: 'revoked', guard: and(['actorIsClerk', 'hasReason']) },
      },
    },
    rejected: {
      type: 'final',
      meta: { label: 'Không công nhận', actingRoles: [] },
      tags: ['registered', 'unit_outcome'],
    },
    withdrawn: { type: 'final', meta: { label: 'Đã rút hồ sơ', actingRoles: [] } },
    revoked: {
      type: 'final',
      meta: { label: 'Đã thu hồi công nhận', actingRoles: [] },
      tags: ['registered', 'decided', 'unit_outcome'],
    },
  },
});

/** Event types the machine handles in a state, whoever sends them and whatever the facts. */
export function eventTypesHandledIn(state: DossierState): DossierEventType[] {
  const node = dossierMachine.states[state];
  return node ? (Object.keys(node.on) as DossierEventType[]) : [];
}
