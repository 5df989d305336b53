import type { DossierEvent } from '../../machines/dossier.machine';
import { vnDate } from '../calendar/time';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { inTransaction } from '../db/transactions';
import { prepareUserEvent } from '../dossiers/dossier-event-check';
import { actorFacts, statesAccepting } from '../dossiers/dossier-rules';
import { applyDossierEvent } from '../dossiers/dossier-transition';
import {
  assertSignedAfterReady,
  assertSignedAt,
  getIssuingProvince,
  insertDecision,
  loadDossiersInState,
  type IssuedDecision,
  type SignerFields,
} from './decision-issue';
import { findDecisionsOfDossier } from './decision-lookup';
import type { RevocationDetails } from './decision.schemas';

/**
 * Revokes the recognition (and award) of dossiers with a numbered revocation decision of its own; each
 * dossier takes the REVOKE event, all in one transaction. With `expectedVersions` (a REVOKE event),
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
    const dossiers = await loadDossiersInState(em, user, dossierIds, statesAccepting('REVOKE'));
    const province = await getIssuingProvince(em, user);
    const at = ctx.clock().toISOString();
    const granting = (await findDecisionsOfDossier(em, dossiers[0].id)).granting?.decision;
    const fullSigner: SignerFields = {
      signedAt: signer.signedAt ?? vnDate(ctx.clock()),
      signerName: signer.signerName ?? granting?.signerName ?? user.displayName,
      signerTitle: signer.signerTitle ?? granting?.signerTitle ?? 'Chủ tịch Ủy ban nhân dân tỉnh',
    };
    assertSignedAt(ctx, fullSigner.signedAt);
    assertSignedAfterReady(fullSigner.signedAt, dossiers);
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
  body: { version: number; reason: string } & RevocationDetails,
): Promise<void> {
  const signer = { signedAt: body.signedAt, signerName: body.signerName, signerTitle: body.signerTitle };
  await revokeDossiers(ctx, user, [dossierId], body.reason, signer, new Map([[dossierId, body.version]]));
}
