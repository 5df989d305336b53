import type { EntityManager } from 'typeorm';
import type { DossierState } from '../../machines/dossier.machine';
import type { Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { endOfVnDay, vnDate } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { RuleError } from '../http/errors';
import { getDossierForUser } from './dossier-access';
import { actorFacts, eventNotAllowed, rulesFor } from './dossier-rules';
import { restoreDossierSnapshot } from './dossier-snapshot';
import { applyDossierEvent, staleVersion } from './dossier-transition';
import type { ExtensionBody } from './dossier.schemas';

function fieldError(field: string, code: string, message: string): RuleError {
  return new RuleError(code, message, { fields: [{ field, code, message }] });
}

/**
 * Gives one dossier a later submission deadline (gia hạn) inside transaction `em`, through the machine's
 * EXTEND_DEADLINE event, so it is versioned and audited like any change. 409 when the dossier's state takes
 * no extension or on a stale version; 422 for a date not later than today and the current deadline.
 */
export async function extendSubmissionDeadline(
  ctx: AppContext,
  em: EntityManager,
  user: CurrentUser,
  dossier: Dossier,
  body: ExtensionBody,
): Promise<void> {
  if (body.version !== dossier.version) throw staleVersion();
  const snapshot = restoreDossierSnapshot(dossier);
  const now = ctx.clock();
  const until = endOfVnDay(body.until);
  const event = {
    type: 'EXTEND_DEADLINE' as const,
    actor: actorFacts(user, dossier),
    at: now.toISOString(),
    until,
    reason: body.reason,
  };
  const current = snapshot.context.submissionDeadline;
  const rules = rulesFor(user, dossier, snapshot);
  if (!rules.mayExtendDeadline) {
    throw eventNotAllowed(snapshot.value as DossierState, 'EXTEND_DEADLINE', rules.allowedEvents);
  }
  if (body.until <= vnDate(now) || !snapshot.can(event)) {
    throw fieldError(
      'until',
      'extension_not_later',
      'Hạn mới phải sau hôm nay và sau hạn hiện tại của hồ sơ.',
    );
  }
  await applyDossierEvent(em, dossier, event, {
    actor: user,
    expectedVersion: dossier.version,
    holidays: ctx.config.holidays,
    details: { previousDeadline: current, newDeadline: until },
  });
}

/** POST /api/dossiers/:id/extension: admin only; one transaction. */
export async function grantExtension(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: ExtensionBody,
): Promise<void> {
  assertMay(user, 'admin.manage');
  await inTransaction(ctx.ds, async (em) => {
    const dossier = await getDossierForUser(em, user, dossierId);
    await extendSubmissionDeadline(ctx, em, user, dossier, body);
  });
}
