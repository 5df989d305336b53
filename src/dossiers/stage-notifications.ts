import type { EntityManager } from 'typeorm';
import type { DossierState } from '../../machines/dossier.machine';
import { Unit, type Dossier } from '../../entities';
import type { Actor } from '../auth/current-user';
import { vnDate } from '../calendar/time';
import { vnShortDate } from '../documents/vn-format';
import { insertNotifications } from '../notifications/notifications.service';
import { usersInRolesFor } from '../notifications/recipients';
import { actingRoles, hasTag, stateLabel } from './dossier-rules';

async function unitLabel(em: EntityManager, dossier: Pick<Dossier, 'unitId' | 'year'>): Promise<string> {
  const unit = await em.findOne(Unit, { where: { id: dossier.unitId }, select: { name: true } });
  return `${unit?.name ?? 'Đơn vị'} (năm ${dossier.year})`;
}

function dueText(dueAt: string | null): string {
  return dueAt ? `, hạn ${vnShortDate(vnDate(new Date(dueAt)))}` : '';
}

/**
 * Notifies, inside the transition's transaction, the users who must act on the stage the dossier just
 * entered, and the unit's officers of an outcome (states tagged `unit_outcome`). The actor is
 * never notified of their own action. `version` is the dossier's new version: one notification per change.
 */
export async function notifyStageEntered(
  em: EntityManager,
  dossier: Pick<Dossier, 'id' | 'unitId' | 'districtId' | 'provinceId' | 'year'>,
  to: DossierState,
  version: number,
  dueAt: string | null,
  actor: Actor,
  at: string,
): Promise<void> {
  const roles = actingRoles(to);
  const mustAct = roles.length > 0;
  if (!mustAct && !hasTag(to, 'unit_outcome')) return;
  const users = await usersInRolesFor(em, mustAct ? roles : ['unit_officer'], dossier);
  const recipients = users.filter((u) => u.id !== actor.id);
  if (!recipients.length) return;
  const label = await unitLabel(em, dossier);
  const message = mustAct
    ? `Hồ sơ ${label} đang ở bước "${stateLabel(to)}" và chờ bạn xử lý${dueText(dueAt)}.`
    : `Hồ sơ ${label}: ${stateLabel(to)}.`;
  await insertNotifications(
    em,
    recipients.map((u) => ({
      userId: u.id,
      dossierId: dossier.id,
      kind: mustAct ? 'action_required' : 'outcome',
      message,
      dedupeKey: `stage:${dossier.id}:${version}`,
    })),
    at,
  );
}
