import type { EntityManager } from 'typeorm';
import type { ScoreStage } from '../../machines/domain';
import { CriteriaSet, Criterion, type Attachment, type Dossier } from '../../entities';
import { NotFoundError } from '../http/errors';
import { findCurrentAttachments, findScores, type ScoreEntry } from './dossier.storage';
import { evaluateStage, type StageEvaluation } from './scoring';

export interface CriteriaSetWithItems {
  set: CriteriaSet;
  items: Criterion[];
}

// The items of a criteria-set version never change once created, so a process-wide cache is safe across
// instances; the set row itself (its `active` flag) is read each time.
const itemsCache = new Map<string, Criterion[]>();

/** The criteria set (with its items in order) a dossier is scored against; throws NotFoundError. */
export async function getCriteriaSetWithItems(em: EntityManager, id: string): Promise<CriteriaSetWithItems> {
  const set = await em.findOne(CriteriaSet, { where: { id } });
  if (!set) throw new NotFoundError('criteria_set_not_found', 'Không tìm thấy bộ tiêu chí.');
  let items = itemsCache.get(id);
  if (!items) {
    items = await em.find(Criterion, { where: { criteriaSetId: id }, order: { position: 'ASC' } });
    itemsCache.set(id, items);
  }
  return { set, items };
}

/** A criteria-set version as dossiers are scored against it: all of it but the `active` flag, which changes. */
export interface CriteriaVersion {
  set: Omit<CriteriaSet, 'active'>;
  items: Criterion[];
}

// Versions are immutable once imported (only `active` ever changes, and it is left out), so a
// process-wide cache is exact on every instance. There are tens of versions, not more.
const versionCache = new Map<string, CriteriaVersion>();

/** The criteria-set version a dossier is scored against; throws NotFoundError. */
export async function getCriteriaVersion(em: EntityManager, id: string): Promise<CriteriaVersion> {
  const cached = versionCache.get(id);
  if (cached) return cached;
  const { set, items } = await getCriteriaSetWithItems(em, id);
  const { active: _active, ...fixed } = set;
  const version = { set: fixed, items };
  versionCache.set(id, version);
  return version;
}

/** Everything scored and attached on a dossier, evaluated per stage. */
export interface DossierFacts {
  criteria: CriteriaVersion;
  scores: ScoreEntry[];
  attachments: Attachment[];
  evaluations: Record<ScoreStage, StageEvaluation>;
}

/** Loads a dossier's scores and evidence and evaluates each stage against its criteria-set version. */
export async function loadDossierFacts(em: EntityManager, dossier: Dossier): Promise<DossierFacts> {
  const criteria = await getCriteriaVersion(em, dossier.criteriaSetId);
  const scores = await findScores(em, dossier.id);
  const attachments = await findCurrentAttachments(em, dossier.id);
  return evaluateFacts(criteria, scores, attachments);
}

/** Evaluates each stage's scores (and the unit's evidence) against the criteria-set version. */
export function evaluateFacts(
  criteria: CriteriaVersion,
  scores: ScoreEntry[],
  attachments: Attachment[],
): DossierFacts {
  const evidence = new Set(attachments.map((a) => a.criterionCode).filter((c): c is string => c !== null));
  const byStage = (stage: ScoreStage): Map<string, number> =>
    new Map(scores.filter((s) => s.stage === stage).map((s) => [s.criterionCode, s.points]));
  const evaluate = (stage: ScoreStage): StageEvaluation =>
    evaluateStage(
      stage,
      criteria.items,
      criteria.set.passingScore,
      byStage(stage),
      stage === 'self' ? evidence : null,
    );
  return {
    criteria,
    scores,
    attachments,
    evaluations: {
      self: evaluate('self'),
      district: evaluate('district'),
      provincial: evaluate('provincial'),
    },
  };
}
