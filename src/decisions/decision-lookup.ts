import { In, type EntityManager } from 'typeorm';
import { Decision, DecisionItem, Dossier } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { inJurisdiction } from '../auth/jurisdiction';
import { NotFoundError } from '../http/errors';
import { decisionHasTag, decisionStatesTagged } from './decision-rules';

/** A decision with the line that names one dossier in it. */
export interface DecisionLine {
  decision: Decision;
  item: DecisionItem;
}

/** The newest decision of each kind that names a dossier; `granting` is the newest recognition or award. */
export interface DossierDecisions {
  recognition?: DecisionLine;
  award?: DecisionLine;
  revocation?: DecisionLine;
  granting?: DecisionLine;
}

const newer = (a: DecisionLine | undefined, b: DecisionLine): DecisionLine =>
  !a || a.decision.createdAt < b.decision.createdAt ? b : a;

/**
 * The decisions that name each dossier, newest of each kind: the one place that answers "which decision
 * recognized, awarded or revoked this unit" (dossier view, certificates, revocations, verification).
 */
export async function findDossierDecisions(
  em: EntityManager,
  dossierIds: readonly string[],
): Promise<Map<string, DossierDecisions>> {
  const result = new Map<string, DossierDecisions>();
  if (!dossierIds.length) return result;
  const items = await em.find(DecisionItem, { where: { dossierId: In([...new Set(dossierIds)]) } });
  if (!items.length) return result;
  // Only issued decisions count: a draft names dossiers but decides nothing yet.
  const decisions = (
    await em.find(Decision, { where: { id: In([...new Set(items.map((i) => i.decisionId))]) } })
  ).filter((d) => decisionHasTag(d.state, 'numbered'));
  const byId = new Map(decisions.map((d) => [d.id, d]));
  for (const item of items) {
    const decision = byId.get(item.decisionId);
    if (!decision) continue;
    const line = { decision, item };
    const entry = result.get(item.dossierId) ?? {};
    entry[decision.kind] = newer(entry[decision.kind], line);
    if (decision.kind !== 'revocation') entry.granting = newer(entry.granting, line);
    result.set(item.dossierId, entry);
  }
  return result;
}

/** The decisions of one dossier (see `findDossierDecisions`). */
export async function findDecisionsOfDossier(
  em: EntityManager,
  dossierId: string,
): Promise<DossierDecisions> {
  return (await findDossierDecisions(em, [dossierId])).get(dossierId) ?? {};
}

const decisionNotFound = () => new NotFoundError('decision_not_found', 'Không tìm thấy quyết định.');

/** A decision the user may see: in their province, and naming at least one dossier of their jurisdiction. */
export async function getDecisionForUser(
  em: EntityManager,
  user: CurrentUser,
  id: string,
): Promise<{ decision: Decision; items: DecisionItem[] }> {
  const decision = await em.findOne(Decision, { where: { id } });
  if (!decision) throw decisionNotFound();
  const items = await em.find(DecisionItem, { where: { decisionId: id }, order: { position: 'ASC' } });
  const dossiers = await em.find(Dossier, {
    where: { id: In(items.map((i) => i.dossierId)) },
    select: { id: true, unitId: true, provinceId: true, districtId: true },
  });
  if (!dossiers.some((d) => inJurisdiction(user, d))) throw decisionNotFound();
  return { decision, items };
}

/** The open decision (drafted, awaiting signature or issue) that holds a dossier, if any. */
export async function findHoldingDecision(em: EntityManager, dossierId: string): Promise<Decision | null> {
  const row = await em
    .createQueryBuilder(Decision, 'd')
    .innerJoin(DecisionItem, 'i', 'i.decisionId = d.id')
    .where('i.dossierId = :dossierId', { dossierId })
    .andWhere('d.state IN (:...open)', { open: decisionStatesTagged('open') })
    .getOne();
  return row ?? null;
}
