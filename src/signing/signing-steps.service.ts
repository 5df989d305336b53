import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { documentToSign } from '../decisions/decision-documents.service';
import { checkDecisionStep, sendDecisionEvent } from '../decisions/decision-events.service';
import { getDecisionForUser } from '../decisions/decision-lookup';
import type { DecisionWithItems } from '../decisions/decisions.service';
import { acceptUploadedSignature, signRemotely } from './decision-signatures.service';

/*
 * The leader's SIGN step by the two ways that do not use a key held here: their own token software
 * (download `signing.pdf`, upload it signed) and the remote signing service. Each is checked before
 * anything changes, then counts as SIGN (versioned, audited, notifying the văn thư).
 */

/** Who may sign now, and the decision as it stands: the assigned signer while it awaits signature. */
async function mayStepSign(ctx: AppContext, user: CurrentUser, decisionId: string, version?: number) {
  const current = await getDecisionForUser(ctx.ds.manager, user, decisionId);
  const body = { type: 'SIGN' as const, version: version ?? current.decision.version };
  await checkDecisionStep(ctx, user, decisionId, body);
  return { ...current, body };
}

/** `signing.pdf`: the exact bytes the leader signs on their token. */
export async function signingPdf(ctx: AppContext, user: CurrentUser, decisionId: string) {
  const { decision, items } = await mayStepSign(ctx, user, decisionId);
  const { bytes } = await documentToSign(ctx.ds.manager, decision, items);
  return { fileName: `can-ky-quyet-dinh-${decision.id.slice(0, 8)}.pdf`, bytes };
}

/** POST …/signed: the same bytes signed by the assigned leader; 422 naming what is wrong, else SIGN. */
export async function signByUpload(
  ctx: AppContext,
  user: CurrentUser,
  decisionId: string,
  upload: Buffer,
  version?: number,
): Promise<DecisionWithItems> {
  const { decision, items, body } = await mayStepSign(ctx, user, decisionId, version);
  const toSign = await documentToSign(ctx.ds.manager, decision, items);
  const signed = await acceptUploadedSignature(ctx, ctx.ds.manager, decision, toSign, upload);
  return sendDecisionEvent(ctx, user, decisionId, body, signed);
}

/** POST …/remote-signing: waits for the leader's confirmation at the remote service, then SIGN. */
export async function signByRemoteService(
  ctx: AppContext,
  user: CurrentUser,
  decisionId: string,
  version?: number,
): Promise<DecisionWithItems> {
  const { decision, items, body } = await mayStepSign(ctx, user, decisionId, version);
  const toSign = await documentToSign(ctx.ds.manager, decision, items);
  const signed = await signRemotely(ctx, ctx.ds.manager, decision, toSign, user);
  return sendDecisionEvent(ctx, user, decisionId, body, signed);
}
