import type { EntityManager } from 'typeorm';
import type { DossierEvent } from '../../machines/dossier.machine';
import { Decision, DecisionItem, type Dossier } from '../../entities';
import { vnDate } from '../calendar/time';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { inTransaction } from '../db/transactions';
import { actorFacts, prepareUserEvent } from '../dossiers/dossier-events.service';
import { applyDossierEvent } from '../dossiers/dossier-transition';
import { RuleError } from '../http/errors';
import {
  assertSignedAt,
  getIssuingProvince,
  insertDecision,
  loadDossiersInState,
  type SignerFields,
} from './decision-issue';
import type { IssueDecisionBody, RevocationDetails } from './decision.schemas';

export interface IssuedDecision {
  decision: Decision;
  items: DecisionItem[];
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
 * Issues a recognition (awaiting_decision → recognized) or award (award_proposed → awarded) decision for
 * one or many dossiers: numbered, with a certificate serial per unit, all moved in one transaction or none.
 * Throws 403, 404 (naming the dossier), 409 (naming dossiers in the wrong state), 422.
 */
export async function issueDecision(
  ctx: AppContext,
  user: CurrentUser,
  body: IssueDecisionBody,
): Promise<IssuedDecision> {
  assertMay(user, 'decision.issue');
  if (body.kind === 'revocation') return revokeDossiers(ctx, user, body.dossierIds, body.reason, body);

  assertSignedAt(ctx, body.signedAt);
  const event = body.kind === 'recognition' ? 'RECOGNIZE' : 'AWARD';
  const required = body.kind === 'recognition' ? 'awaiting_decision' : 'award_proposed';
  return inTransaction(ctx.ds, async (em) => {
    const dossiers = await loadDossiersInState(em, user, body.dossierIds, [required]);
    assertOneYear(dossiers);
    const province = await getIssuingProvince(em, user);
    const at = ctx.clock().toISOString();
    const issued = await insertDecision(em, { province, kind: body.kind, dossiers, signer: body, user, at });
    for (const dossier of dossiers) {
      await applyDossierEvent(
        em,
        dossier,
        { type: event, actor: actorFacts(user, dossier), at, decisionId: issued.decision.id },
        {
          actor: user,
          expectedVersion: dossier.version,
          holidays: ctx.config.holidays,
          details: { decisionId: issued.decision.id, decisionNumber: issued.decision.numberText },
        },
      );
    }
    return issued;
  });
}

/** The decision that last recognized or awarded a dossier (what a revocation revokes). */
async function findGrantingDecision(em: EntityManager, dossierId: string): Promise<Decision | undefined> {
  const items = await em.find(DecisionItem, { where: { dossierId } });
  if (!items.length) return undefined;
  const decisions = await em.findBy(
    Decision,
    items.map((i) => ({ id: i.decisionId })),
  );
  return decisions
    .filter((d) => d.kind !== 'revocation')
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
}

/**
 * Revokes the recognition (and award) of dossiers with a numbered revocation decision of its own; each
 * dossier goes recognized/awarded → revoked in one transaction. With `expectedVersions` (a REVOKE event),
 * each dossier is checked like any event first (version 409, state 409, role 403, reason 422). Signer
 * fields left out default to today and the signer of the decision being revoked.
 */
export async function revokeDossiers(
  ctx: AppContext,
  user: CurrentUser,
  dossierIds: string[],
  reason: string,
  signer: Partial<SignerFields>,
  expectedVersions?: ReadonlyMap<string, number>,
): Promise<IssuedDecision> {
  assertMay(user, 'decision.issue');
  return inTransaction(ctx.ds, async (em) => {
    const events = new Map<string, DossierEvent>();
    for (const id of expectedVersions?.keys() ?? []) {
      const body = { type: 'REVOKE' as const, version: expectedVersions?.get(id) ?? 0, reason };
      events.set(id, (await prepareUserEvent(ctx, em, user, id, body)).event);
    }
    const dossiers = await loadDossiersInState(em, user, dossierIds, ['recognized', 'awarded']);
    const province = await getIssuingProvince(em, user);
    const at = ctx.clock().toISOString();
    const granting = await findGrantingDecision(em, dossiers[0].id);
    const fullSigner: SignerFields = {
      signedAt: signer.signedAt ?? vnDate(ctx.clock()),
      signerName: signer.signerName ?? granting?.signerName ?? user.displayName,
      signerTitle: signer.signerTitle ?? granting?.signerTitle ?? 'Chủ tịch Ủy ban nhân dân tỉnh',
    };
    assertSignedAt(ctx, fullSigner.signedAt);
    const issued = await insertDecision(em, {
      province,
      kind: 'revocation',
      dossiers,
      signer: fullSigner,
      user,
      at,
      reason,
      revokesDecisionId: dossiers.length === 1 ? (granting?.id ?? null) : null,
    });
    for (const dossier of dossiers) {
      const event = events.get(dossier.id) ?? {
        type: 'REVOKE' as const,
        actor: actorFacts(user, dossier),
        at,
        reason,
      };
      await applyDossierEvent(em, dossier, event, {
        actor: user,
        expectedVersion: dossier.version,
        holidays: ctx.config.holidays,
        details: { decisionId: issued.decision.id, decisionNumber: issued.decision.numberText },
      });
    }
    return issued;
  });
}

/** REVOKE sent as a dossier event (api.md): a revocation decision for that one dossier. */
export async function revokeByEvent(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: { version: number; reason?: string } & RevocationDetails,
): Promise<void> {
  const signer = { signedAt: body.signedAt, signerName: body.signerName, signerTitle: body.signerTitle };
  await revokeDossiers(
    ctx,
    user,
    [dossierId],
    (body.reason ?? '').trim(),
    signer,
    new Map([[dossierId, body.version]]),
  );
}
