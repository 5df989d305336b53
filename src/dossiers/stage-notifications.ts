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

/** What brought the dossier to the stage, when the recipient must hear it: a return or a rejection. */
export interface NotifiedCause {
  type: string;
  reason?: string;
  criteria?: { code: string; note?: string | null }[];
}

/** A return says it was returned, why and what to fix; a rejection says why. Other steps: null. */
function causeText(label: string, cause: NotifiedCause | undefined, dueAt: string | null): string | null {
  if (!cause?.reason) return null;
  if (cause.type === 'RETURN') {
    const fix = (cause.criteria ?? []).map((c) => (c.note ? `${c.code} (${c.note})` : c.code));
    return (
      `Hồ sơ ${label} đã bị trả lại để bổ sung. Lý do: ${sentence(cause.reason)}` +
      (fix.length ? ` Tiêu chí cần hoàn thiện: ${fix.join(', ')}.` : '') +
      ` Hoàn thiện và nộp lại${dueText(dueAt)}.`
    );
  }
  if (cause.type === 'REJECT') return `Hồ sơ ${label} không được chấp nhận. Lý do: ${sentence(cause.reason)}`;
  return null;
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
  cause?: NotifiedCause,
): Promise<void> {
  const roles = actingRoles(to);
  const mustAct = roles.length > 0;
  if (!mustAct && !hasTag(to, 'unit_outcome')) return;
  const users = await usersInRolesFor(em, mustAct ? roles : ['unit_officer'], dossier);
  const recipients = users.filter((u) => u.id !== actor.id);
  if (!recipients.length) return;
  const label = await unitLabel(em, dossier);
  const message =
    causeText(label, cause, dueAt) ??
    (mustAct
      ? `Hồ sơ ${label} đang ở bước "${stateLabel(to)}" và chờ bạn xử lý${dueText(dueAt)}.`
      : `Hồ sơ ${label}: ${stateLabel(to)}.`);
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

/** A reader's text as one sentence: trimmed, ending with a single full stop. */
const sentence = (text: string): string => `${text.trim().replace(/[.\s]+$/u, '')}.`;
