import type { Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { inTransaction } from '../db/transactions';
import { actorFacts, statesAccepting } from '../dossiers/dossier-rules';
import { applyDossierEvent } from '../dossiers/dossier-transition';
import { RuleError } from '../http/errors';
import {
  assertSignedAfterReady,
  assertSignedAt,
  getIssuingProvince,
  insertDecision,
  loadDossiersInState,
  type IssuedDecision,
} from './decision-issue';
import { DECISION_EVENT } from './decision-kinds';
import type { IssueDecisionBody } from './decision.schemas';
import { revokeDossiers } from './revocation.service';

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
 * Issues a recognition (RECOGNIZE) or award (AWARD) decision for
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
  const event = DECISION_EVENT[body.kind];
  return inTransaction(ctx.ds, async (em) => {
    const dossiers = await loadDossiersInState(em, user, body.dossierIds, statesAccepting(event));
    assertOneYear(dossiers);
    assertSignedAfterReady(body.signedAt, dossiers);
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
