import { transition } from 'xstate';
import type { EntityManager } from 'typeorm';
import type { DecisionEvent as MachineEvent, DecisionState } from '../../machines/decision.machine';
import { Decision, DecisionItem, Province, type Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { vnDate } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { actorFacts } from '../dossiers/dossier-rules';
import { applyDossierEvent } from '../dossiers/dossier-transition';
import { ConflictError, ForbiddenError, RuleError } from '../http/errors';
import { formatDecisionNumber, numberItems, takeRegisterNumber } from './decision-issue';
import { DECISION_EVENT } from './decision-kinds';
import { appendDecisionEvent } from './decision-log';
import { notifyNext } from './decision-notify';
import { getDecisionForUser } from './decision-lookup';
import {
  allowedDecisionEvents,
  decisionActor,
  decisionEventNotAllowed,
  decisionSnapshot,
  decisionStateTakes,
} from './decision-rules';
import type { DecisionEventBody } from './decision.schemas';
import { recordDocumentHash } from './decision-scan.service';
import { dossiersOf, getAssignableSigner, type DecisionWithItems } from './decisions.service';
import {
  sealIssuedDecision,
  signWithServerKey,
  type SignedRevision,
} from '../signing/decision-signatures.service';
import { discardDocument, newDocumentKey, writeDocument } from '../signing/document-store';
import { documentToSign, sealCertificatesAfterIssue } from './decision-documents.service';

const staleVersion = (current: number) =>
  new ConflictError(
    'stale_version',
    'Quyết định đã được người khác thay đổi. Vui lòng tải lại rồi thực hiện lại thao tác.',
    { currentVersion: current },
  );

/** The machine event with the facts the service computed; 422 for a content rule not met. */
async function buildEvent(
  em: EntityManager,
  decision: Decision,
  body: DecisionEventBody,
  user: CurrentUser,
  at: string,
): Promise<MachineEvent> {
  const actor = decisionActor(user, decision);
  switch (body.type) {
    case 'SUBMIT': {
      const proposalComplete = Boolean(
        decision.proposalNumber && decision.proposalDate && decision.proposalBody,
      );
      if (!proposalComplete)
        throw new RuleError('proposal_incomplete', 'Dự thảo chưa có đủ số, ngày và cơ quan trình.');
      if (decision.signerId) await getAssignableSigner(em, decision.provinceId, decision.signerId);
      return { type: 'SUBMIT', actor, at, proposalComplete, signerAssigned: decision.signerId !== null };
    }
    case 'RETURN':
    case 'CANCEL':
      return { type: body.type, actor, at, reason: body.reason };
    case 'SIGN':
    case 'ISSUE':
      return { type: body.type, actor, at };
    default: {
      const unreachable: never = body;
      return unreachable;
    }
  }
}

/** Moves every dossier of an issued decision (RECOGNIZE, AWARD or REVOKE), each audited, in this transaction. */
async function moveDossiers(
  ctx: AppContext,
  em: EntityManager,
  user: CurrentUser,
  decision: Decision,
  dossiers: ReadonlyMap<string, Dossier>,
  at: string,
): Promise<void> {
  const type = DECISION_EVENT[decision.kind];
  for (const dossier of dossiers.values()) {
    const actor = actorFacts(user, dossier);
    const event =
      type === 'REVOKE'
        ? { type, actor, at, decisionId: decision.id, reason: decision.reason ?? '' }
        : { type, actor, at, decisionId: decision.id };
    await applyDossierEvent(em, dossier, event, {
      actor: user,
      expectedVersion: dossier.version,
      holidays: ctx.config.holidays,
      details: { decisionId: decision.id, decisionNumber: decision.numberText },
    });
  }
}

/** What the decision row takes from an event, besides its state and version. */
async function changesFor(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  items: DecisionItem[],
  body: DecisionEventBody,
  user: CurrentUser,
  at: string,
  files: StepFiles,
): Promise<Partial<Decision>> {
  const today = vnDate(new Date(at));
  switch (body.type) {
    case 'SUBMIT':
      return { returnReason: null };
    case 'RETURN':
      return { returnReason: body.reason };
    case 'CANCEL':
      return {};
    case 'SIGN':
      return files.signed
        ? {
            signedAt: today,
            signedDocumentKey: files.signedKey,
            signingLayout: JSON.stringify(files.signed.layout),
          }
        : { signedAt: today };
    case 'ISSUE': {
      const dossiers = await dossiersOf(em, items);
      const entry = await takeRegisterNumber(em, decision, [...dossiers.values()], today, body);
      const province = await em.findOneOrFail(Province, { where: { id: decision.provinceId } });
      const numbered: Decision = {
        ...decision,
        year: Number(entry.issuedAt.slice(0, 4)),
        number: entry.number,
        numberText: formatDecisionNumber(province.decisionNumberPattern, entry.number),
        issuedAt: entry.issuedAt,
      };
      await numberItems(em, province, numbered, items, dossiers);
      await moveDossiers(ctx, em, user, numbered, dossiers, at);
      // The văn thư's signature: number, date and seal onto the revision the leader signed.
      const sealed = await sealIssuedDecision(ctx, em, decision, {
        numberText: numbered.numberText ?? '',
        issuedAt: entry.issuedAt,
      });
      files.issuedKey = sealed?.key ?? null;
      return {
        year: numbered.year,
        number: numbered.number,
        numberText: numbered.numberText,
        issuedAt: numbered.issuedAt,
        ...(sealed ? { issuedDocumentKey: sealed.key, documentSha256: sealed.sha256 } : {}),
      };
    }
    default: {
      const unreachable: never = body;
      return unreachable;
    }
  }
}

/** Files a step writes before its transaction commits; removed again if it does not. */
interface StepFiles {
  signed: SignedRevision | null;
  signedKey: string | null;
  issuedKey: string | null;
}

/** 409 stale, 409 wrong state, 403 wrong person: the machine's and the version's word on a step. */
function assertMaySend(user: CurrentUser, decision: Decision, body: DecisionEventBody): void {
  if (body.version !== undefined && body.version !== decision.version) throw staleVersion(decision.version);
  const allowed = allowedDecisionEvents(user, decision);
  if (!decisionStateTakes(decision, body.type)) throw decisionEventNotAllowed(decision, body.type, allowed);
  if (!allowed.includes(body.type)) {
    throw new ForbiddenError('event_forbidden', 'Bạn không có quyền thực hiện thao tác này với quyết định.', {
      state: decision.state,
      event: body.type,
      allowedEvents: allowed,
    });
  }
}

/** Checks a step before any work is done for it (a signature is only made for a step that may happen). */
export async function checkDecisionStep(
  ctx: AppContext,
  user: CurrentUser,
  decisionId: string,
  body: DecisionEventBody,
): Promise<DecisionWithItems> {
  const found = await getDecisionForUser(ctx.ds.manager, user, decisionId);
  assertMaySend(user, found.decision, body);
  return found;
}

/**
 * Sends a step of the decision's lifecycle (SUBMIT, RETURN, SIGN, ISSUE, CANCEL) in one transaction:
 * versioned (409 on stale), refused as the machine says (409 wrong state, 403 wrong person), audited,
 * and notifying whoever must act next. SIGN keeps the revision the leader signed (with the key held here,
 * unless `signed` brings one made on their token or by the remote service); ISSUE numbers the decision in
 * its body's register, adds the organization's signature and moves every dossier, or nothing at all.
 */
export async function sendDecisionEvent(
  ctx: AppContext,
  user: CurrentUser,
  decisionId: string,
  body: DecisionEventBody,
  signed: SignedRevision | null = null,
): Promise<DecisionWithItems> {
  const files: StepFiles = { signed, signedKey: null, issuedKey: null };
  if (body.type === 'SIGN') {
    const { decision, items } = await checkDecisionStep(ctx, user, decisionId, body);
    files.signed =
      signed ??
      (await signWithServerKey(
        ctx,
        ctx.ds.manager,
        decision,
        await documentToSign(ctx.ds.manager, decision, items),
      ));
    files.signedKey = newDocumentKey(`decisions/${decisionId}/signed`);
    await writeDocument(ctx, files.signedKey, files.signed.bytes);
  }
  let result: DecisionWithItems;
  try {
    result = await inTransaction(ctx.ds, (em) => sendInTransaction(ctx, em, user, decisionId, body, files));
  } catch (err) {
    for (const key of [files.signedKey, files.issuedKey]) if (key) await discardDocument(ctx, key);
    throw err;
  }
  if (body.type === 'ISSUE') {
    // Decisions signed before signatures were kept: the generated document's hash, from the committed rows.
    if (!result.decision.issuedDocumentKey) await recordDocumentHash(ctx, user, decisionId);
    result.decision = (await getDecisionForUser(ctx.ds.manager, user, decisionId)).decision;
    await sealCertificatesAfterIssue(ctx, result.decision, result.items);
  }
  return result;
}

async function sendInTransaction(
  ctx: AppContext,
  em: EntityManager,
  user: CurrentUser,
  decisionId: string,
  body: DecisionEventBody,
  files: StepFiles,
): Promise<DecisionWithItems> {
  const { decision, items } = await getDecisionForUser(em, user, decisionId);
  assertMaySend(user, decision, body);
  const allowed = allowedDecisionEvents(user, decision);
  const at = ctx.clock().toISOString();
  const event = await buildEvent(em, decision, body, user, at);
  const snapshot = decisionSnapshot(decision);
  if (!snapshot.can(event)) throw decisionEventNotAllowed(decision, body.type, allowed);
  const [next] = transition(snapshot.machine, snapshot, event);
  const to = next.value as DecisionState;
  const changes = await changesFor(ctx, em, decision, items, body, user, at, files);
  const result = await em
    .createQueryBuilder()
    .update(Decision)
    .set({ ...changes, state: to, updatedAt: at, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id: decision.id, version: decision.version })
    .execute();
  if (result.affected !== 1) throw staleVersion(decision.version + 1);
  const updated = { ...decision, ...changes, state: to, version: decision.version + 1, updatedAt: at };
  await appendDecisionEvent(em, {
    decisionId: decision.id,
    actor: user,
    at,
    type: body.type,
    from: decision.state,
    to,
    reason: 'reason' in body ? body.reason : null,
    details: stepDetails(body, updated, files),
  });
  await notifyNext(em, updated, to, updated.version, user, at);
  return {
    decision: updated,
    items: await em.find(DecisionItem, { where: { decisionId }, order: { position: 'ASC' } }),
  };
}

/** What the audit trail keeps of a step: the signed revision's hash and how it was signed; the issued document's. */
function stepDetails(
  body: DecisionEventBody,
  decision: Decision,
  files: StepFiles,
): Record<string, unknown> | null {
  if (body.type === 'SIGN' && files.signed) {
    return {
      documentSha256: files.signed.sha256,
      method: files.signed.method,
      certificateSubject: files.signed.signerCommonName,
    };
  }
  if (body.type === 'ISSUE') {
    return {
      number: decision.numberText,
      issuedAt: decision.issuedAt,
      documentSha256: decision.documentSha256,
    };
  }
  return null;
}
