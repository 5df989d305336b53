import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { inTransaction } from '../db/transactions';
import { revokeByEvent } from '../decisions/revocation.service';
import { prepareUserEvent } from './dossier-event-check';
import { applyDossierEvent } from './dossier-transition';
import type { DossierEventBody } from './dossier.schemas';

/**
 * The one entry point for a user's event on a dossier, from the API and from the pages. A REVOKE is a
 * revocation decision of its own (numbered, with its PDF); every other event is one transition in one
 * transaction. Throws as `prepareUserEvent` does.
 */
export async function sendDossierEvent(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: DossierEventBody,
): Promise<void> {
  if (body.type === 'REVOKE') return revokeByEvent(ctx, user, dossierId, body);
  await inTransaction(ctx.ds, async (em) => {
    const { dossier, event } = await prepareUserEvent(ctx, em, user, dossierId, body);
    await applyDossierEvent(em, dossier, event, {
      actor: user,
      expectedVersion: dossier.version,
      holidays: ctx.config.holidays,
    });
  });
}
