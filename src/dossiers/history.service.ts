import { AuditEvent } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { getDossierForUser } from './dossier-access';
import { EVENT_LABELS } from './labels';

/** The dossier's audit events, oldest first (api.md "audit event" shape). Throws NotFoundError. */
export async function getDossierHistory(ctx: AppContext, user: CurrentUser, dossierId: string) {
  await getDossierForUser(ctx.ds.manager, user, dossierId);
  const events = await ctx.ds.getRepository(AuditEvent).find({ where: { dossierId }, order: { seq: 'ASC' } });
  return events.map((e) => ({
    id: e.id,
    seq: e.seq,
    at: e.at,
    actor: { id: e.actorId, username: e.actorUsername, role: e.actorRole },
    type: e.type,
    label: EVENT_LABELS[e.type as keyof typeof EVENT_LABELS] ?? e.type,
    from: e.fromState,
    to: e.toState,
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.details ? { details: e.details } : {}),
  }));
}
