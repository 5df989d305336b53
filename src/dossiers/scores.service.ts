import type { EntityManager } from 'typeorm';
import type { ScoreStage } from '../../machines/domain';
import type { DossierState } from '../../machines/dossier.machine';
import { Score, type Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import { appendAuditEvent } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { RuleError } from '../http/errors';
import { getDossierForUser } from './dossier-access';
import { getCriteriaSetWithItems } from './dossier-facts';
import { staleVersion, updateDossierIfVersion } from './dossier-transition';
import type { ReviewScoresBody, SelfAssessmentBody } from './dossier.schemas';
import { assertMayEdit, scoringStageOf } from './dossier-rules';
import { restoreDossierSnapshot } from './dossier-snapshot';

type ScoreEntries = SelfAssessmentBody['scores'];

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
 * Saves the unit's self-assessment scores (upserting the criteria sent) and report: the unit's officer,
 * while the machine opens the self-assessment sheet. Throws 403, 404, 409 (state, version) or 422.
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
    assertMayEdit(user, dossier, restoreDossierSnapshot(dossier), { type: 'SAVE_SCORES', stage: 'self' });
    const extra = body.report === undefined ? {} : { report: body.report?.trim() || null };
    await recordScores(ctx, em, user, dossier, 'self', body, extra);
  });
}

/**
 * Saves the review scores of the stage open now (district or provincial), by that stage's reviewer; never
 * for a unit the reviewer belongs to. Throws 403/404/409/422.
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
    const snapshot = restoreDossierSnapshot(dossier);
    assertMayEdit(user, dossier, snapshot, { type: 'SAVE_SCORES', stage: 'review' });
    const stage = scoringStageOf(snapshot.value as DossierState) ?? 'provincial';
    await recordScores(ctx, em, user, dossier, stage, body, {});
  });
}
