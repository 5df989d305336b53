import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { inTransaction } from '../db/transactions';
import { prepareUserEvent } from './dossier-event-check';
import { applyDossierEvent } from './dossier-transition';
import type { DossierEventBody } from './dossier.schemas';
import { issueReceipt, recordReceipt } from './receipts.service';
import { returnedWith } from './return-changes.service';

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
  const receipt = await inTransaction(ctx.ds, async (em) => {
    const { dossier, event } = await prepareUserEvent(ctx, em, user, dossierId, body);
    await applyDossierEvent(em, dossier, event, {
      actor: user,
      expectedVersion: dossier.version,
      holidays: ctx.config.holidays,
      // A return keeps what the unit had, so that the resubmission can be read against it.
      ...(event.type === 'RETURN' ? { details: { returnedWith: await returnedWith(em, dossierId) } } : {}),
    });
    // Every submission (the first, or after a return) is acknowledged with a receipt.
    return event.type === 'SUBMIT' ? recordReceipt(em, dossierId, event.at) : null;
  });
  // Its PDF after the commit; should this fail, the receipt is issued when first asked for.
  if (receipt) await issueReceipt(ctx, receipt).catch(() => undefined);
}
