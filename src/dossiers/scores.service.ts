import type { EntityManager } from 'typeorm';
import type { ScoreStage } from '../../machines/domain';
import type { DossierState } from '../../machines/dossier.machine';
import { Score, type Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import { appendAuditEvent } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { REVIEW_STAGES, assertMay } from '../auth/permissions';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, ForbiddenError, RuleError } from '../http/errors';
import { getDossierForUser } from './dossier-access';
import { getCriteriaSetWithItems } from './dossier-facts';
import { staleVersion, updateDossierIfVersion } from './dossier-transition';
import type { ReviewScoresBody, SelfAssessmentBody } from './dossier.schemas';
import { STATE_LABELS } from './labels';

type ScoreEntries = SelfAssessmentBody['scores'];

function wrongState(state: DossierState): ConflictError {
  return new ConflictError(
    'wrong_state',
    `Không thể chấm điểm khi hồ sơ ở trạng thái "${STATE_LABELS[state]}".`,
    {
      state,
    },
  );
}

/** Every code must be a criterion of the dossier's set and points must not exceed its maximum (422). */
async function assertScoresFit(em: EntityManager, dossier: Dossier, scores: ScoreEntries): Promise<void> {
  const { items } = await getCriteriaSetWithItems(em, dossier.criteriaSetId);
  const byCode = new Map(items.map((c) => [c.code, c]));
  const fields = scores.flatMap((s, i) => {
    const criterion = byCode.get(s.criterionCode);
    if (!criterion) {
      return [
        {
          field: `scores.${i}.criterionCode`,
          code: 'unknown_criterion',
          message: `Không có tiêu chí mã ${s.criterionCode}.`,
        },
      ];
    }
    if (s.points > criterion.maxPoints) {
      return [
        {
          field: `scores.${i}.points`,
          code: 'points_above_max',
          message: `Tiêu chí ${s.criterionCode} tối đa ${criterion.maxPoints} điểm.`,
        },
      ];
    }
    return [];
  });
  if (fields.length) throw new RuleError('invalid_scores', 'Điểm chấm không hợp lệ.', { fields });
}

async function upsertScores(
  em: EntityManager,
  dossierId: string,
  stage: ScoreStage,
  scores: ScoreEntries,
  userId: string,
  at: string,
): Promise<void> {
  const existing = new Map(
    (await em.find(Score, { where: { dossierId, stage } })).map((s) => [s.criterionCode, s] as const),
  );
  for (const entry of scores) {
    const note = entry.note?.trim() || null;
    const current = existing.get(entry.criterionCode);
    if (current) {
      await em.update(
        Score,
        { id: current.id },
        { points: entry.points, note, updatedById: userId, updatedAt: at },
      );
    } else {
      await em.insert(Score, {
        id: newId(),
        dossierId,
        stage,
        criterionCode: entry.criterionCode,
        points: entry.points,
        note,
        updatedById: userId,
        updatedAt: at,
      });
    }
  }
}

async function recordScores(
  ctx: AppContext,
  em: EntityManager,
  user: CurrentUser,
  dossier: Dossier,
  stage: ScoreStage,
  body: { scores: ScoreEntries; version?: number },
  extra: Partial<Dossier>,
): Promise<void> {
  if (body.version !== undefined && body.version !== dossier.version) throw staleVersion();
  await assertScoresFit(em, dossier, body.scores);
  const at = ctx.clock().toISOString();
  await upsertScores(em, dossier.id, stage, body.scores, user.id, at);
  await updateDossierIfVersion(em, dossier.id, dossier.version, { ...extra, updatedAt: at });
  await appendAuditEvent(em, {
    dossierId: dossier.id,
    actor: user,
    at,
    type: 'SCORES_SAVED',
    from: dossier.state,
    to: dossier.state,
    details: { stage, criteria: body.scores.map((s) => s.criterionCode) },
  });
}

/**
 * Saves the unit's self-assessment scores (upserting the criteria sent) and report. Only the unit's officer,
 * only in `self_assessment`. Throws 403, 404, 409 (state, version) or 422 (unknown criterion, points).
 */
export async function saveSelfAssessment(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: SelfAssessmentBody,
): Promise<void> {
  assertMay(user, 'dossier.selfAssessment.write');
  await inTransaction(ctx.ds, async (em) => {
    const dossier = await getDossierForUser(em, user, dossierId);
    if (dossier.state !== 'self_assessment') throw wrongState(dossier.state);
    const extra = body.report === undefined ? {} : { report: body.report?.trim() || null };
    await recordScores(ctx, em, user, dossier, 'self', body, extra);
  });
}

/**
 * Saves the current stage's review scores: the district reviewer in `district_review`, the provincial
 * appraiser in `provincial_appraisal`; never for a unit the reviewer belongs to. Throws 403/404/409/422.
 */
export async function saveReviewScores(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: ReviewScoresBody,
): Promise<void> {
  assertMay(user, 'dossier.reviewScores.write');
  await inTransaction(ctx.ds, async (em) => {
    const dossier = await getDossierForUser(em, user, dossierId);
    const stage = REVIEW_STAGES[dossier.state];
    if (!stage) throw wrongState(dossier.state);
    if (stage.role !== user.role) {
      throw new ForbiddenError('not_stage_reviewer', 'Bạn không phải người chấm điểm của bước này.', {
        state: dossier.state,
      });
    }
    if (user.unitId === dossier.unitId) {
      throw new ForbiddenError('conflict_of_interest', 'Bạn không được chấm điểm hồ sơ của đơn vị mình.');
    }
    await recordScores(ctx, em, user, dossier, stage.stage, body, {});
  });
}
