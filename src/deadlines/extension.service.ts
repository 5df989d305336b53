import type { EntityManager } from 'typeorm';
import type { Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { endOfVnDay, vnDate } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { getDossierForUser } from '../dossiers/dossier-access';
import { restoreDossierSnapshot } from '../dossiers/dossier-snapshot';
import { actorFacts } from '../dossiers/dossier-events.service';
import { applyDossierEvent, staleVersion } from '../dossiers/dossier-transition';
import { ConflictError, RuleError } from '../http/errors';
import type { ExtensionBody } from './deadline.schemas';

function fieldError(field: string, code: string, message: string): RuleError {
  return new RuleError(code, message, { fields: [{ field, code, message }] });
}

/**
 * Gives one dossier a later submission deadline (gia hạn) inside transaction `em`, through the machine's
 * EXTEND_DEADLINE event, so it is versioned and audited like any change. 409 outside nominated /
 * self_assessment or on a stale version; 422 without a reason or for a date not later than today and the
 * current deadline.
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
  if (!['nominated', 'self_assessment'].includes(String(snapshot.value))) {
    throw new ConflictError('event_not_allowed', 'Chỉ gia hạn được hồ sơ chưa nộp.', {
      state: snapshot.value,
    });
  }
  const reason = body.reason.trim();
  if (!reason) throw fieldError('reason', 'reason_required', 'Vui lòng nêu lý do gia hạn.');
  const now = ctx.clock();
  const until = endOfVnDay(body.until);
  const current = snapshot.context.submissionDeadline;
  if (body.until <= vnDate(now) || (current !== null && Date.parse(until) <= Date.parse(current))) {
    throw fieldError(
      'until',
      'extension_not_later',
      'Hạn mới phải sau hôm nay và sau hạn hiện tại của hồ sơ.',
    );
  }
  await applyDossierEvent(
    em,
    dossier,
    { type: 'EXTEND_DEADLINE', actor: actorFacts(user, dossier), at: now.toISOString(), until, reason },
    {
      actor: user,
      expectedVersion: dossier.version,
      holidays: ctx.config.holidays,
      details: { previousDeadline: current, newDeadline: until },
    },
  );
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
