import { awardProposalView } from './award-proposal.service';
import { minutesFor } from '../meetings/meeting-results';
import type { AppContext } from '../app-context';
import { dossierNotFound } from './dossier-access';
import { findDossierBundle, type DossierBundle, type ScoreEntry } from './dossier.storage';
import { inJurisdiction } from '../auth/jurisdiction';
import type { EntityManager } from 'typeorm';
import type { ScoreStage } from '../../machines/domain';
import type { DossierState } from '../../machines/dossier.machine';
import type { Attachment, District, Dossier, Unit } from '../../entities';
import { findDecisionsOfDossier, type DecisionLine } from '../decisions/decision-lookup';
import type { CurrentUser } from '../auth/current-user';
import { NotFoundError } from '../http/errors';
import { hasTag, rulesFor, stateLabel } from './dossier-rules';
import { evaluateFacts, getCriteriaVersion } from './dossier-facts';
import { restoreDossierSnapshot } from './dossier-snapshot';
import type { StageEvaluation } from './scoring';

export interface UnitSummary {
  id: string;
  name: string;
  type: Unit['type'];
  districtId: string | null;
  districtName: string | null;
  managedBy: Unit['managedBy'];
}

/** The unit as it appears inside a dossier. */
export function unitSummary(unit: Unit, district: District | null): UnitSummary {
  return {
    id: unit.id,
    name: unit.name,
    type: unit.type,
    districtId: unit.districtId,
    districtName: district?.name ?? null,
    managedBy: unit.managedBy,
  };
}

const scoreView = (s: ScoreEntry) => ({ criterionCode: s.criterionCode, points: s.points, note: s.note });

export const attachmentView = (a: Attachment) => ({
  id: a.id,
  fileName: a.fileName,
  size: a.size,
  sha256: a.sha256,
  mimeType: a.mimeType,
  criterionCode: a.criterionCode,
  uploadedAt: a.createdAt,
});

function stageView(evaluation: StageEvaluation, scores: ScoreEntry[]) {
  const { stage, ...rest } = evaluation;
  return { stage, scores: scores.filter((s) => s.stage === stage).map(scoreView), ...rest };
}

/** Review stages shown once they have begun (a stage's scores are visible to everyone in jurisdiction). */
const REVIEW_ORDER: ScoreStage[] = ['district', 'provincial'];

/** The certificate and award issued to a dossier, newest decision of each kind. */
async function issuedDocuments(em: EntityManager, dossier: Dossier) {
  if (!hasTag(dossier.state, 'decided')) return {};
  const decisions = await findDecisionsOfDossier(em, dossier.id);
  const pick = (line: DecisionLine | undefined) => {
    if (!line?.item.serial) return undefined;
    const { decision, item } = line;
    return {
      serial: item.serial,
      issuedAt: decision.signedAt,
      decisionId: decision.id,
      decisionNumber: decision.numberText,
      ...(item.registerNumber === null ? {} : { registerNumber: item.registerNumber }),
      // A certificate stays valid while the unit counts as recognized (a revocation ends it).
      valid: hasTag(dossier.state, 'recognized'),
    };
  };
  const certificate = pick(decisions.recognition);
  const award = pick(decisions.award);
  return { ...(certificate ? { certificate } : {}), ...(award ? { award } : {}) };
}

/** The dossier as the API returns it (api.md "dossier" shape plus what a UI needs). */
async function buildDossierView(em: EntityManager, user: CurrentUser, bundle: DossierBundle, now: Date) {
  const { dossier, unit, district } = bundle;
  if (!unit) throw new NotFoundError('unit_not_found', 'Không tìm thấy đơn vị.');
  const criteria = await getCriteriaVersion(em, dossier.criteriaSetId);
  const facts = evaluateFacts(criteria, bundle.scores, bundle.attachments);
  const snapshot = restoreDossierSnapshot(dossier);
  const rules = rulesFor(user, dossier, snapshot);
  const { set, items } = facts.criteria;
  return {
    id: dossier.id,
    code: dossier.code,
    /** How many receipts (phiếu tiếp nhận) the dossier's submissions left. */
    receipts: bundle.receipts,
    unitId: dossier.unitId,
    unit: unitSummary(unit, district),
    year: dossier.year,
    state: dossier.state as DossierState,
    stateLabel: stateLabel(dossier.state),
    version: dossier.version,
    allowedEvents: rules.allowedEvents,
    /** What this user may edit now: the open score sheet (or null) and the evidence. */
    editable: {
      scoringStage: rules.scoringStage,
      evidence: rules.mayChangeEvidence,
      submissionDeadline: rules.mayExtendDeadline,
      awardAppraisal: rules.mayAppraiseAward,
    },
    criteriaSet: {
      id: set.id,
      code: set.code,
      version: set.version,
      title: set.title,
      passingScore: set.passingScore,
      items: items.map((c) => ({
        code: c.code,
        title: c.title,
        groupTitle: c.groupTitle,
        maxPoints: c.maxPoints,
        mandatory: c.mandatory,
        evidenceRequired: c.evidenceRequired,
        metAt: c.metAt ?? c.maxPoints,
      })),
    },
    selfAssessment: { ...stageView(facts.evaluations.self, facts.scores), report: dossier.report },
    reviews: REVIEW_ORDER.filter((stage) => facts.scores.some((s) => s.stage === stage)).map((stage) =>
      stageView(facts.evaluations[stage], facts.scores),
    ),
    attachments: facts.attachments.map(attachmentView),
    returnRequest: snapshot.context.returnRequest,
    submissionDeadline: snapshot.context.submissionDeadline,
    stageEnteredAt: dossier.stageEnteredAt,
    dueAt: dossier.dueAt,
    overdue: dossier.dueAt !== null && Date.parse(dossier.dueAt) < now.getTime(),
    ...(await issuedDocuments(em, dossier)),
    createdAt: dossier.createdAt,
    updatedAt: dossier.updatedAt,
  };
}
export type DossierView = Awaited<ReturnType<typeof buildDossierView>> & {
  /** The award dossier (proposal, achievement report, appraisal) once proposed; read only on the award path. */
  awardProposal: Awaited<ReturnType<typeof awardProposalView>>;
  /** The council meetings whose minutes speak for this dossier's award. */
  councilMinutes: Awaited<ReturnType<typeof minutesFor>>;
};

/** The dossier as the API returns it after any change; 404 outside the user's jurisdiction. */
export async function getDossierView(ctx: AppContext, user: CurrentUser, id: string): Promise<DossierView> {
  // The dossier comes with its unit, district, scores and evidence in one statement; jurisdiction is
  // checked on the dossier.
  const found = await findDossierBundle(ctx.ds.manager, id);
  if (!found || !inJurisdiction(user, found.dossier)) throw dossierNotFound();
  const view = await buildDossierView(ctx.ds.manager, user, found, ctx.clock());
  const onAwardPath = hasTag(found.dossier.state, 'award_path');
  return {
    ...view,
    awardProposal: onAwardPath ? await awardProposalView(ctx, id) : null,
    councilMinutes: onAwardPath ? await minutesFor(ctx.ds.manager, 'award', [id]) : [],
  };
}
