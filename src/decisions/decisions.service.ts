import { assertCouncilApproved } from '../meetings/meeting-results';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { AwardProposal, Decision, DecisionItem, Dossier, User } from '../../entities';
import type { SignerPosition } from '../../entities/decision.entity';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { statesAccepting } from '../dossiers/dossier-rules';
import { ConflictError, NotFoundError, RuleError } from '../http/errors';
import { getIssuingProvince, insertDraftItems, loadDossiersInState } from './decision-issue';
import { DECISION_EVENT } from './decision-kinds';
import { appendDecisionEvent } from './decision-log';
import { decisionStatesTagged, initialDecisionState } from './decision-rules';
import { REVOCATION_GROUNDS, type CreateDecisionBody } from './decision.schemas';
import { DECISION_MACHINE_VERSION } from '../../machines/decision.machine';

/** A decision with its lines. */
export interface DecisionWithItems {
  decision: Decision;
  items: DecisionItem[];
}

/** The printed title of a signer's position. */
export const POSITION_TITLES: Record<SignerPosition, string> = {
  chairman: 'Chủ tịch',
  vice_chairman: 'Phó Chủ tịch',
};

const fieldError = (field: string, code: string, message: string) =>
  new RuleError(code, message, { fields: [{ field, code, message }] });

/** The leader assigned to sign: an active signer of the province with a position (422 otherwise). */
export async function getAssignableSigner(
  em: EntityManager,
  provinceId: string,
  signerId: string,
): Promise<User & { position: SignerPosition }> {
  const signer = await em.findOne(User, { where: { id: signerId } });
  if (
    !signer ||
    signer.role !== 'signer' ||
    !signer.active ||
    signer.provinceId !== provinceId ||
    !signer.position
  ) {
    throw fieldError('signerId', 'invalid_signer', 'Người ký phải là lãnh đạo UBND tỉnh đang hoạt động.');
  }
  return signer as User & { position: SignerPosition };
}

/** The province's signers, for the draft form. */
export async function listSigners(ctx: AppContext, user: CurrentUser) {
  if (!user.provinceId) return [];
  const rows = await ctx.ds.getRepository(User).find({
    where: { role: 'signer', provinceId: user.provinceId, active: true },
    order: { position: 'ASC', displayName: 'ASC' },
  });
  return rows
    .filter((u): u is User & { position: SignerPosition } => u.position !== null)
    .map((u) => ({
      id: u.id,
      name: u.displayName,
      position: u.position,
      title: POSITION_TITLES[u.position],
    }));
}

/** 409 naming the dossiers already held by an open decision (a dossier is in at most one). */
export async function assertNotHeld(em: EntityManager, dossierIds: readonly string[], except?: string) {
  const held = await em
    .createQueryBuilder(DecisionItem, 'i')
    .innerJoin(Decision, 'd', 'd.id = i.decisionId')
    .where('i.dossierId IN (:...ids)', { ids: dossierIds })
    .andWhere('d.state IN (:...open)', { open: decisionStatesTagged('open') })
    .andWhere(except ? 'd.id <> :except' : '1 = 1', { except })
    .select(['i.dossierId AS "dossierId"', 'd.id AS "decisionId"'])
    .getRawMany<{ dossierId: string; decisionId: string }>();
  if (held.length) {
    throw new ConflictError(
      'dossier_in_open_decision',
      `${held.length} hồ sơ đã có trong một dự thảo quyết định khác chưa ban hành hoặc hủy.`,
      { dossiers: held },
    );
  }
}

/** The issued recognition or award a revocation revokes; its lines must name every dossier revoked. */
async function revokedDecision(em: EntityManager, provinceId: string, id: string, dossiers: Dossier[]) {
  const decision = await em.findOne(Decision, { where: { id, provinceId } });
  if (!decision || decision.kind === 'revocation' || decision.number === null) {
    throw fieldError(
      'revokes',
      'unknown_decision',
      'Không tìm thấy quyết định công nhận, khen thưởng cần thu hồi.',
    );
  }
  const named = new Set((await em.findBy(DecisionItem, { decisionId: id })).map((i) => i.dossierId));
  const outside = dossiers.filter((d) => !named.has(d.id));
  if (outside.length) {
    throw new RuleError('not_in_revoked_decision', 'Có hồ sơ không thuộc quyết định bị thu hồi.', {
      dossierIds: outside.map((d) => d.id),
    });
  }
  return decision;
}

/** An award is drafted only on an award dossier Sở Nội vụ has appraised (422 naming the others). */
async function assertAwardAppraised(em: EntityManager, dossierIds: readonly string[]) {
  const appraised = await em.find(AwardProposal, {
    where: { dossierId: In([...dossierIds]), appraisedAt: Not(IsNull()) },
  });
  const missing = dossierIds.filter((id) => !appraised.some((p) => p.dossierId === id));
  if (missing.length) {
    throw new RuleError(
      'award_not_appraised',
      `${missing.length} hồ sơ đề nghị khen thưởng chưa được Sở Nội vụ thẩm định.`,
      { dossierIds: missing },
    );
  }
}

/** All dossiers of one decision must be of one movement year (the decision names the year). */
function assertOneYear(dossiers: Dossier[]): void {
  const years = new Set(dossiers.map((d) => d.year));
  if (years.size > 1) {
    throw new RuleError('mixed_years', 'Một quyết định chỉ công nhận các hồ sơ của cùng một năm.', {
      years: [...years],
    });
  }
}

/**
 * Drafts a decision (internal affairs) with its proposal (Tờ trình) and the leader who will sign it:
 * nothing moves yet and no number is taken. Throws 403, 404 (naming the dossier), 409 (dossiers not ready
 * or already in an open decision), 422 (signer, revoked decision, mixed years).
 */
export async function createDecisionDraft(
  ctx: AppContext,
  user: CurrentUser,
  body: CreateDecisionBody,
): Promise<DecisionWithItems> {
  assertMay(user, 'decision.draft');
  return inTransaction(ctx.ds, async (em) => {
    const province = await getIssuingProvince(em, user);
    const signer = await getAssignableSigner(em, province.id, body.signerId);
    const states = statesAccepting(DECISION_EVENT[body.kind]);
    const dossiers = await loadDossiersInState(em, user, body.dossierIds, states);
    assertOneYear(dossiers);
    await assertNotHeld(em, body.dossierIds);
    if (body.kind !== 'revocation') await assertCouncilApproved(em, province.id, body.kind, body.dossierIds);
    if (body.kind === 'award') await assertAwardAppraised(em, body.dossierIds);
    const revokes =
      body.kind === 'revocation' ? await revokedDecision(em, province.id, body.revokes, dossiers) : null;
    const at = ctx.clock().toISOString();
    const state = initialDecisionState();
    const decision = em.create(Decision, {
      id: newId(),
      provinceId: province.id,
      kind: body.kind,
      state,
      version: 1,
      machineVersion: DECISION_MACHINE_VERSION,
      year: null,
      number: null,
      numberText: null,
      achievementYear: dossiers[0]?.year ?? Number(at.slice(0, 4)),
      signedAt: null,
      issuedAt: null,
      signerId: signer.id,
      signerPosition: signer.position,
      signerName: signer.displayName,
      signerTitle: POSITION_TITLES[signer.position],
      proposalNumber: body.proposal.number,
      proposalDate: body.proposal.date,
      proposalBody: body.proposal.body,
      returnReason: null,
      revokesDecisionId: revokes?.id ?? null,
      reason: body.kind === 'revocation' ? `${REVOCATION_GROUNDS[body.ground]}: ${body.reason}` : null,
      createdById: user.id,
      createdAt: at,
      updatedAt: at,
    });
    await em.insert(Decision, decision);
    const items = await insertDraftItems(em, decision.id, dossiers);
    await appendDecisionEvent(em, {
      decisionId: decision.id,
      actor: user,
      at,
      type: 'CREATE',
      from: null,
      to: state,
      details: { dossierIds: body.dossierIds, signerId: signer.id },
    });
    return { decision, items };
  });
}

/** The dossiers of a decision's lines, by id. */
export async function dossiersOf(em: EntityManager, items: readonly DecisionItem[]) {
  const rows = await em.find(Dossier, { where: { id: In(items.map((i) => i.dossierId)) } });
  return new Map(rows.map((d) => [d.id, d]));
}

/** 404 for a decision id that names nothing this user may see. */
export const decisionNotFound = () => new NotFoundError('decision_not_found', 'Không tìm thấy quyết định.');
