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
import { insertNotifications } from '../notifications/notifications.service';
import { usersInRolesFor } from '../notifications/recipients';
import { formatDecisionNumber, numberItems, takeRegisterNumber } from './decision-issue';
import { DECISION_EVENT } from './decision-kinds';
import { appendDecisionEvent } from './decision-log';
import { getDecisionForUser } from './decision-lookup';
import {
  allowedDecisionEvents,
  decisionActingRoles,
  decisionActor,
  decisionEventNotAllowed,
  decisionSnapshot,
  decisionStateLabel,
  decisionStateTakes,
} from './decision-rules';
import type { DecisionEventBody } from './decision.schemas';
import { recordDocumentHash } from './decision-scan.service';
import { dossiersOf, getAssignableSigner, type DecisionWithItems } from './decisions.service';

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
      return { signedAt: today };
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
      return {
        year: numbered.year,
        number: numbered.number,
        numberText: numbered.numberText,
        issuedAt: numbered.issuedAt,
      };
    }
    default: {
      const unreachable: never = body;
      return unreachable;
    }
  }
}

/** Tells whoever must act next (the signer, the clerk, internal affairs) inside the transaction. */
async function notifyNext(
  em: EntityManager,
  decision: Decision,
  to: DecisionState,
  version: number,
  actor: CurrentUser,
  at: string,
): Promise<void> {
  const roles = decisionActingRoles(to);
  const place = { provinceId: decision.provinceId, districtId: null, unitId: '' };
  let users = await usersInRolesFor(em, roles, place);
  // Only the assigned leader signs: the other leaders are not asked.
  if (roles.includes('signer')) users = users.filter((u) => u.id === decision.signerId);
  const recipients = users.filter((u) => u.id !== actor.id);
  if (!recipients.length) return;
  const what =
    decision.numberText ??
    `dự thảo quyết định (${decision.kind === 'revocation' ? 'thu hồi' : decision.kind === 'award' ? 'khen thưởng' : 'công nhận'})`;
  const message = `Quyết định ${what} đang ở bước "${decisionStateLabel(to)}" và chờ bạn xử lý.`;
  await insertNotifications(
    em,
    recipients.map((u) => ({
      userId: u.id,
      dossierId: null,
      kind: 'action_required',
      message,
      dedupeKey: `decision:${decision.id}:${version}`,
    })),
    at,
  );
}

/**
 * Sends a step of the decision's lifecycle (SUBMIT, RETURN, SIGN, ISSUE, CANCEL) in one transaction:
 * versioned (409 on stale), refused as the machine says (409 wrong state, 403 wrong person), audited,
 * and notifying whoever must act next. ISSUE numbers the decision in its body's register and moves every
 * dossier, or nothing at all.
 */
export async function sendDecisionEvent(
  ctx: AppContext,
  user: CurrentUser,
  decisionId: string,
  body: DecisionEventBody,
): Promise<DecisionWithItems> {
  const result: DecisionWithItems = await inTransaction(ctx.ds, async (em) => {
    const { decision, items } = await getDecisionForUser(em, user, decisionId);
    if (body.version !== decision.version) throw staleVersion(decision.version);
    const allowed = allowedDecisionEvents(user, decision);
    if (!decisionStateTakes(decision, body.type)) throw decisionEventNotAllowed(decision, body.type, allowed);
    if (!allowed.includes(body.type)) {
      throw new ForbiddenError(
        'event_forbidden',
        'Bạn không có quyền thực hiện thao tác này với quyết định.',
        {
          state: decision.state,
          event: body.type,
          allowedEvents: allowed,
        },
      );
    }
    const at = ctx.clock().toISOString();
    const event = await buildEvent(em, decision, body, user, at);
    const snapshot = decisionSnapshot(decision);
    if (!snapshot.can(event)) throw decisionEventNotAllowed(decision, body.type, allowed);
    const [next] = transition(snapshot.machine, snapshot, event);
    const to = next.value as DecisionState;
    const changes = await changesFor(ctx, em, decision, items, body, user, at);
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
      details: body.type === 'ISSUE' ? { number: updated.numberText, issuedAt: updated.issuedAt } : null,
    });
    await notifyNext(em, updated, to, updated.version, user, at);
    return {
      decision: updated,
      items: await em.find(DecisionItem, { where: { decisionId }, order: { position: 'ASC' } }),
    };
  });
  if (body.type === 'ISSUE') {
    // The generated document's hash, from the committed rows (a paper-signed scan is kept beside it).
    await recordDocumentHash(ctx, user, decisionId);
    result.decision = (await getDecisionForUser(ctx.ds.manager, user, decisionId)).decision;
  }
  return result;
}
