import type { EntityManager } from 'typeorm';
import {
  USER_EVENT_TYPES,
  eventTypesHandledIn,
  type ActorFacts,
  type DossierEvent,
  type DossierState,
  type UserEventType,
} from '../../machines/dossier.machine';
import type { Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { inJurisdiction } from '../auth/jurisdiction';
import { inTransaction } from '../db/transactions';
import { ConflictError, ForbiddenError, RuleError } from '../http/errors';
import { getDossierForUser } from './dossier-access';
import { loadDossierFacts, type DossierFacts } from './dossier-facts';
import { restoreDossierSnapshot, type DossierSnapshot } from './dossier-snapshot';
import { applyDossierEvent, staleVersion } from './dossier-transition';
import type { DossierEventBody } from './dossier.schemas';
import type { StageEvaluation } from './scoring';
import { STATE_LABELS } from './labels';

/** The machine's view of who acts. */
export function actorFacts(user: CurrentUser, dossier: Dossier): ActorFacts {
  return { role: user.role, belongsToUnit: user.unitId !== null && user.unitId === dossier.unitId };
}

const GOOD = { complete: true, passing: true } as const;

/** The event with every business fact assumed satisfied: what this user could do if the dossier were ready. */
function probeEvent(type: UserEventType, actor: ActorFacts, at: string): DossierEvent {
  switch (type) {
    case 'SUBMIT':
      return { type, actor, at, selfAssessment: GOOD };
    case 'FORWARD':
    case 'PASS':
      return { type, actor, at, review: GOOD };
    case 'RETURN':
    case 'REJECT':
    case 'REVOKE':
      return { type, actor, at, reason: 'probe' };
    case 'START':
    case 'WITHDRAW':
    case 'PROPOSE_AWARD':
      return { type, actor, at };
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/**
 * The events this user may send now, asked of the machine itself (state, role and separation of duties);
 * rules that depend on the dossier's content (scores, evidence, deadline, reason) are checked on sending.
 */
export function allowedEventsFor(
  user: CurrentUser,
  dossier: Dossier,
  snapshot: DossierSnapshot,
): UserEventType[] {
  if (!inJurisdiction(user, dossier)) return [];
  const actor = actorFacts(user, dossier);
  // The deadline is a content rule too: probe at the start of the stage so that it never hides an event.
  const at = dossier.stageEnteredAt;
  return USER_EVENT_TYPES.filter((type) => snapshot.can(probeEvent(type, actor, at)));
}

function ruleError(code: string, message: string, details: unknown): RuleError {
  return new RuleError(code, message, details);
}

function assertStagePasses(evaluation: StageEvaluation, who: 'self' | 'review'): void {
  if (!evaluation.complete) {
    throw ruleError(
      who === 'self' ? 'self_assessment_incomplete' : 'review_incomplete',
      who === 'self'
        ? 'Hồ sơ tự đánh giá chưa đầy đủ: còn tiêu chí chưa chấm điểm hoặc chưa có minh chứng bắt buộc.'
        : 'Chưa chấm điểm đủ tất cả các tiêu chí.',
      { missingScores: evaluation.missingScores, missingEvidence: evaluation.missingEvidence },
    );
  }
  if (!evaluation.passing) {
    throw ruleError(
      who === 'self' ? 'self_assessment_not_passing' : 'review_not_passing',
      `Tổng điểm ${evaluation.total}/${evaluation.maxTotal} chưa đạt yêu cầu (cần từ ${evaluation.passingScore} điểm và đạt tất cả tiêu chí bắt buộc).`,
      {
        total: evaluation.total,
        passingScore: evaluation.passingScore,
        failedMandatory: evaluation.failedMandatory,
      },
    );
  }
}

function requireReason(body: DossierEventBody): string {
  const reason = body.reason?.trim() ?? '';
  if (!reason) {
    throw ruleError('reason_required', 'Vui lòng nêu lý do.', {
      fields: [{ field: 'reason', code: 'required', message: 'Vui lòng nêu lý do.' }],
    });
  }
  return reason;
}

function assertKnownCriteria(body: DossierEventBody, facts: DossierFacts): void {
  const known = new Set(facts.criteria.items.map((c) => c.code));
  const unknown = (body.criteria ?? []).map((c) => c.code).filter((code) => !known.has(code));
  if (unknown.length) {
    throw ruleError(
      'unknown_criteria',
      `Mã tiêu chí không có trong bộ tiêu chí của hồ sơ: ${unknown.join(', ')}.`,
      {
        unknownCriteria: unknown,
      },
    );
  }
}

/** Builds the machine event with the real facts, throwing RuleError (422) for each unmet rule. */
function buildEvent(
  body: DossierEventBody,
  state: DossierState,
  actor: ActorFacts,
  at: string,
  facts: DossierFacts,
  deadline: string | null,
): DossierEvent {
  switch (body.type) {
    case 'SUBMIT': {
      const selfAssessment = facts.evaluations.self;
      assertStagePasses(selfAssessment, 'self');
      if (deadline !== null && Date.parse(at) > Date.parse(deadline)) {
        throw ruleError('submission_deadline_passed', 'Đã quá hạn nộp hồ sơ theo kế hoạch.', { deadline });
      }
      return { type: 'SUBMIT', actor, at, selfAssessment };
    }
    case 'FORWARD':
    case 'PASS': {
      const review = state === 'district_review' ? facts.evaluations.district : facts.evaluations.provincial;
      assertStagePasses(review, 'review');
      return { type: body.type, actor, at, review };
    }
    case 'RETURN':
      assertKnownCriteria(body, facts);
      return { type: 'RETURN', actor, at, reason: requireReason(body), criteria: body.criteria ?? [] };
    case 'REJECT':
    case 'REVOKE':
      return { type: body.type, actor, at, reason: requireReason(body) };
    case 'START':
    case 'WITHDRAW':
    case 'PROPOSE_AWARD':
      return { type: body.type, actor, at };
    default: {
      const unreachable: never = body.type;
      return unreachable;
    }
  }
}

/** A user's event, checked and ready for `applyDossierEvent` in the same transaction. */
export interface PreparedEvent {
  dossier: Dossier;
  event: DossierEvent;
  snapshot: DossierSnapshot;
}

/**
 * Loads the dossier and checks a user's event inside transaction `em`. Throws NotFoundError outside
 * jurisdiction, ConflictError (409) for a stale version or an event the state does not take (naming the
 * allowed ones), ForbiddenError (403) when this user may not send it, RuleError (422) when a rule is not met.
 */
export async function prepareUserEvent(
  ctx: AppContext,
  em: EntityManager,
  user: CurrentUser,
  dossierId: string,
  body: DossierEventBody,
): Promise<PreparedEvent> {
  const dossier = await getDossierForUser(em, user, dossierId);
  if (body.version !== dossier.version) throw staleVersionWith(dossier.version);
  const snapshot = restoreDossierSnapshot(dossier);
  const state = snapshot.value as DossierState;
  const allowedEvents = allowedEventsFor(user, dossier, snapshot);
  if (!eventTypesHandledIn(state).includes(body.type)) {
    throw new ConflictError(
      'event_not_allowed',
      `Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "${STATE_LABELS[state]}".`,
      { state, event: body.type, allowedEvents },
    );
  }
  if (!allowedEvents.includes(body.type)) {
    throw new ForbiddenError('event_forbidden', 'Bạn không có quyền thực hiện thao tác này đối với hồ sơ.', {
      state,
      event: body.type,
      allowedEvents,
    });
  }
  const facts = await loadDossierFacts(em, dossier);
  const at = ctx.clock().toISOString();
  const deadline = snapshot.context.submissionDeadline;
  const event = buildEvent(body, state, actorFacts(user, dossier), at, facts, deadline);
  return { dossier, event, snapshot };
}

/** Sends a user's event to a dossier in one transaction; throws as `prepareUserEvent` does. */
export async function sendDossierEvent(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: DossierEventBody,
): Promise<void> {
  await inTransaction(ctx.ds, async (em: EntityManager) => {
    const { dossier, event } = await prepareUserEvent(ctx, em, user, dossierId, body);
    await applyDossierEvent(em, dossier, event, {
      actor: user,
      expectedVersion: dossier.version,
      holidays: ctx.config.holidays,
    });
  });
}

function staleVersionWith(currentVersion: number): ConflictError {
  const e = staleVersion();
  return new ConflictError(e.code, e.message, { currentVersion });
}
