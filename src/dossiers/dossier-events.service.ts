import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { inTransaction } from '../db/transactions';
import { prepareUserEvent } from './dossier-event-check';
import { applyDossierEvent } from './dossier-transition';
import type { DossierEventBody } from './dossier.schemas';

/**
 * The one entry point for a user's event on a dossier, from the API and from the pages: one transition in
 * one transaction (recognition, award and revocation come from issued decisions). Throws as
 * `prepareUserEvent` does.
 */
export async function sendDossierEvent(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: DossierEventBody,
): Promise<void> {
  await inTransaction(ctx.ds, async (em) => {
    const { dossier, event } = await prepareUserEvent(ctx, em, user, dossierId, body);
    await applyDossierEvent(em, dossier, event, {
      actor: user,
      expectedVersion: dossier.version,
      holidays: ctx.config.holidays,
    });
  });
}
