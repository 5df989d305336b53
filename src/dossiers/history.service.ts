import { In } from 'typeorm';
import { AuditEvent, User } from '../../entities';
import { ROLE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { getDossierForUser } from './dossier-access';
import { EVENT_LABELS } from './labels';

/** The dossier's audit events, oldest first (api.md "audit event" shape). Throws NotFoundError. */
export async function getDossierHistory(ctx: AppContext, user: CurrentUser, dossierId: string) {
  await getDossierForUser(ctx.ds.manager, user, dossierId);
  const events = await ctx.ds.getRepository(AuditEvent).find({ where: { dossierId }, order: { seq: 'ASC' } });
  // People are named as the history's reader knows them: name and office, not a login.
  const ids = [...new Set(events.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const users = ids.length
    ? await ctx.ds
        .getRepository(User)
        .find({ where: { id: In(ids) }, select: { id: true, displayName: true } })
    : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return events.map((e) => ({
    id: e.id,
    seq: e.seq,
    at: e.at,
    actor: {
      id: e.actorId,
      username: e.actorUsername,
      role: e.actorRole,
      displayName: (e.actorId && names.get(e.actorId)) || e.actorUsername,
      roleLabel: e.actorRole === 'system' ? 'Hệ thống' : ROLE_LABELS[e.actorRole],
    },
    type: e.type,
    label: EVENT_LABELS[e.type as keyof typeof EVENT_LABELS] ?? e.type,
    from: e.fromState,
    to: e.toState,
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.details ? { details: e.details } : {}),
  }));
}
