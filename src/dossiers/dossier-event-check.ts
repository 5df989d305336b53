import type { EntityManager } from 'typeorm';
import type { ScoreStage } from '../../machines/domain';
import {
  eventTypesHandledIn,
  type ActorFacts,
  type CriterionToFix,
  type DossierEvent,
  type DossierState,
} from '../../machines/dossier.machine';
import { AwardProposal, type Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { ConflictError, fieldRuleError, ForbiddenError, RuleError } from '../http/errors';
import { findHoldingDecision } from '../decisions/decision-lookup';
import { getDossierForUser } from './dossier-access';
import { loadDossierFacts, type DossierFacts } from './dossier-facts';
import { actorFacts, eventNotAllowed, rulesFor, scoringStageOf } from './dossier-rules';
import { restoreDossierSnapshot, type DossierSnapshot } from './dossier-snapshot';
import { staleVersion } from './dossier-transition';
import type { DossierEventBody } from './dossier.schemas';
import type { StageEvaluation } from './scoring';

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

function assertKnownCriteria(criteria: CriterionToFix[], facts: DossierFacts): void {
  const known = new Set(facts.criteria.items.map((c) => c.code));
  const unknown = criteria.map((c) => c.code).filter((code) => !known.has(code));
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
  stage: ScoreStage | null,
  actor: ActorFacts,
  at: string,
  facts: DossierFacts,
  deadline: string | null,
  heldByDecision: boolean,
  awardProposalOnFile: boolean,
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
      // FORWARD and PASS need the scores of the stage open now (district or provincial).
      const review = facts.evaluations[stage ?? 'provincial'];
      assertStagePasses(review, 'review');
      return { type: body.type, actor, at, review };
    }
    case 'RETURN':
      assertKnownCriteria(body.criteria ?? [], facts);
      return {
        type: 'RETURN',
        actor,
        at,
        reason: body.reason,
        criteria: body.criteria ?? [],
        heldByDecision,
      };
    case 'REJECT':
      return { type: body.type, actor, at, reason: body.reason };
    case 'PROPOSE_AWARD':
      if (!awardProposalOnFile) {
        const message = 'Đề nghị khen thưởng cần Tờ trình (số, ngày) và báo cáo thành tích của đơn vị.';
        throw fieldRuleError('file', 'award_proposal_required', message);
      }
      return { type: body.type, actor, at, awardProposal: { complete: true } };
    case 'START':
    case 'WITHDRAW':
      return { type: body.type, actor, at };
    default: {
      const unreachable: never = body;
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
  const { allowedEvents } = rulesFor(user, dossier, snapshot);
  if (!eventTypesHandledIn(state).includes(body.type)) {
    throw eventNotAllowed(state, body.type, allowedEvents);
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
  const holding = body.type === 'RETURN' ? await findHoldingDecision(em, dossier.id) : null;
  if (holding) {
    throw new ConflictError(
      'dossier_in_open_decision',
      'Hồ sơ đang có trong một dự thảo quyết định chưa ban hành; không thể trả lại. Hãy hủy dự thảo trước.',
      { decisionId: holding.id },
    );
  }
  const stage = scoringStageOf(state);
  const onFile =
    body.type === 'PROPOSE_AWARD' &&
    (await em.findOne(AwardProposal, { where: { dossierId: dossier.id } })) !== null;
  const event = buildEvent(
    body,
    stage,
    actorFacts(user, dossier),
    at,
    facts,
    deadline,
    holding !== null,
    onFile,
  );
  return { dossier, event, snapshot };
}

function staleVersionWith(currentVersion: number): ConflictError {
  const e = staleVersion();
  return new ConflictError(e.code, e.message, { currentVersion });
}
