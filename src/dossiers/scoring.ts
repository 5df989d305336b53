import type { ScoreStage } from '../../machines/domain';
import type { StageCheck } from '../../machines/dossier.machine';

export interface CriterionRule {
  code: string;
  maxPoints: number;
  mandatory: boolean;
  evidenceRequired: boolean;
  /** Points from which the criterion counts as met; null means full points. */
  metAt: number | null;
}

export interface StageEvaluation extends StageCheck {
  stage: ScoreStage;
  total: number;
  maxTotal: number;
  passingScore: number;
  missingScores: string[];
  missingEvidence: string[];
  failedMandatory: string[];
}

/**
 * Scores one stage against the dossier's criteria-set version: complete when every criterion is scored
 * (and, for the unit's own stage, every required evidence is attached); passing when the total reaches
 * the passing score and every mandatory criterion is met.
 */
export function evaluateStage(
  stage: ScoreStage,
  criteria: readonly CriterionRule[],
  passingScore: number,
  scores: ReadonlyMap<string, number>,
  evidenceFor: ReadonlySet<string> | null,
): StageEvaluation {
  const missingScores = criteria.filter((c) => !scores.has(c.code)).map((c) => c.code);
  const missingEvidence =
    evidenceFor === null
      ? []
      : criteria.filter((c) => c.evidenceRequired && !evidenceFor.has(c.code)).map((c) => c.code);
  const failedMandatory = criteria
    .filter((c) => c.mandatory && (scores.get(c.code) ?? 0) < (c.metAt ?? c.maxPoints))
    .map((c) => c.code);
  const total = criteria.reduce((sum, c) => sum + (scores.get(c.code) ?? 0), 0);
  const maxTotal = criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  const complete = missingScores.length === 0 && missingEvidence.length === 0;
  return {
    stage,
    total,
    maxTotal,
    passingScore,
    missingScores,
    missingEvidence,
    failedMandatory,
    complete,
    passing: complete && total >= passingScore && failedMandatory.length === 0,
  };
}
