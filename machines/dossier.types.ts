import type { Role, ScoreStage } from './domain';

// The dossier machine's vocabulary (states, events, meta, tags); the machine is in dossier.machine.ts.

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
] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];
/** Events only an issued decision (Quyết định) sends, through the decisions service. */
export const DECISION_EVENT_TYPES = ['RECOGNIZE', 'AWARD', 'REVOKE'] as const;
/** Events only an admin sends, through their own routes (e.g. a deadline extension). */
export const ADMIN_EVENT_TYPES = ['EXTEND_DEADLINE'] as const;
/**
 * Edits that leave the state as it is: saving the open stage's scores, adding or removing evidence, Sở Nội
 * vụ's appraisal of an award proposal (thẩm định hồ sơ khen thưởng). The
 * machine answers them with `can()` like every move, so that "may this user edit now" has one answer.
 */
export const EDIT_EVENT_TYPES = ['SAVE_SCORES', 'CHANGE_EVIDENCE', 'APPRAISE_AWARD'] as const;
export type EditEventType = (typeof EDIT_EVENT_TYPES)[number];
export const DOSSIER_EVENT_TYPES = [
  ...USER_EVENT_TYPES,
  ...DECISION_EVENT_TYPES,
  ...ADMIN_EVENT_TYPES,
  ...EDIT_EVENT_TYPES,
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

/**
 * What depends on a state besides its moves. Read through `src/dossiers/dossier-rules.ts`; nothing else
 * keeps a table keyed by state.
 */
export interface DossierStateMeta {
  /** The state's Vietnamese name, for pages, messages and documents. */
  label: string;
  /** Roles whose move the dossier waits for (notified on entry, reminded, shown in their inbox). */
  actingRoles: readonly Role[];
  /** The score sheet open in this state (saved through SAVE_SCORES). */
  scoringStage?: ScoreStage;
  /**
   * A reviewing stage's time: working days from entry (domain.md defaults), never past the plan year's own
   * date for the stage when it sets one.
   */
  budget?: { workingDays: number; planDeadline: 'districtReviewDeadline' | 'appraisalDeadline' | null };
  /** Place on the usual path, for the step indicator; states off the path have none. */
  step?: number;
}

/**
 * - `preparing`: the unit prepares its dossier; due by the (plan's or extended) submission deadline.
 * - `timed`: someone must act by the dossier's due date (reminders, overdue lists).
 * - `district_stage`: only district-managed units pass through it.
 * - `award_path`: shown on the path only once a dossier is on it.
 * - `registered`: counts as registered in reports (a withdrawn dossier does not).
 * - `decided`: reached only through a decision (the dossier may have decision items).
 * - `recognized`: the unit counts as recognized and its certificate is valid.
 * - `unit_outcome`: the unit is told of it although nobody must act.
 */
export type DossierTag =
  | 'preparing'
  | 'timed'
  | 'district_stage'
  | 'award_path'
  | 'registered'
  | 'decided'
  | 'recognized'
  | 'unit_outcome';
