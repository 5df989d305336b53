import { transition } from 'xstate';
import type { EntityManager } from 'typeorm';
import {
  DOSSIER_MACHINE_VERSION,
  type DossierEvent,
  type DossierState,
} from '../../machines/dossier.machine';
import { Dossier, PlanYear } from '../../entities';
import { appendAuditEvent } from '../audit/audit.service';
import type { Actor } from '../auth/current-user';
import { isoNow } from '../db/ids';
import { ConflictError } from '../http/errors';
import { restoreDossierSnapshot, storeDossierSnapshot } from './dossier-snapshot';
import { vnDate } from '../calendar/time';
import { addStageDays, dueAtFor } from './due-dates';
import { loadHolidays } from '../calendar/working-calendar';
import { notifyStageEntered } from './stage-notifications';

/**
 * Writes a change to a dossier only if nobody changed it since `expectedVersion` was read:
 * `UPDATE … WHERE id = :id AND version = :v`, whose row count decides. Throws ConflictError (409).
 */
export async function updateDossierIfVersion(
  em: EntityManager,
  dossierId: string,
  expectedVersion: number,
  changes: Partial<Dossier>,
): Promise<void> {
  const result = await em
    .createQueryBuilder()
    .update(Dossier)
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id: dossierId, version: expectedVersion })
    .execute();
  if (result.affected !== 1) throw staleVersion();
}

/**
 * Records a change beside the dossier (evidence added or removed): version + 1 and `updatedAt`, in one
 * conditional UPDATE. With the version the client claimed, only at that version (409 stale_version);
 * without one, only while the dossier is still in one of `states` (a concurrent SUBMIT wins, 409), so
 * parallel uploads never fail for a version they never claimed.
 */
export async function touchDossier(
  em: EntityManager,
  dossierId: string,
  at: string,
  guard: { version: number } | { states: readonly DossierState[] },
): Promise<void> {
  const query = em
    .createQueryBuilder()
    .update(Dossier)
    .set({ updatedAt: at, version: () => 'version + 1' })
    .where('id = :id', { id: dossierId });
  if ('version' in guard) query.andWhere('version = :version', { version: guard.version });
  else query.andWhere('state IN (:...states)', { states: guard.states });
  const result = await query.execute();
  if (result.affected === 1) return;
  throw 'version' in guard
    ? staleVersion()
    : new ConflictError('concurrent_change', 'Hồ sơ vừa chuyển bước. Vui lòng tải lại hồ sơ.');
}

export function staleVersion(): ConflictError {
  return new ConflictError(
    'stale_version',
    'Hồ sơ đã được người khác thay đổi. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.',
  );
}

export interface TransitionOptions {
  actor: Actor;
  expectedVersion: number;
  /** Holidays from the configuration, added to the fixed and the stored ones. */
  holidays: readonly string[];
  details?: Record<string, unknown>;
}

/**
 * Sends `event` to the dossier's machine and persists the new snapshot, state, version + 1 and one audit
 * event, all within the caller's transaction `em`. Throws ConflictError when the machine refuses the event
 * or the version is stale. Side effects (notifications, documents) belong after the commit.
 */
export async function applyDossierEvent(
  em: EntityManager,
  dossier: Dossier,
  event: DossierEvent,
  options: TransitionOptions,
): Promise<{ from: DossierState; to: DossierState }> {
  const snapshot = restoreDossierSnapshot(dossier);
  const from = snapshot.value as DossierState;
  if (!snapshot.can(event)) {
    throw new ConflictError(
      'event_not_allowed',
      `Không thể thực hiện ${event.type} khi hồ sơ ở trạng thái này.`,
      {
        state: from,
        event: event.type,
      },
    );
  }
  const [next] = transition(snapshot.machine, snapshot, event);
  const to = next.value as DossierState;
  const at = new Date(event.at);
  const year = Number(vnDate(at).slice(0, 4));
  const holidays = await loadHolidays(em, options.holidays, [year - 1, year, year + 1]);
  const planYear = dossier.planYearId ? await em.findOneBy(PlanYear, { id: dossier.planYearId }) : null;
  const stays = from === to;
  // Staying in the stage (a deadline extension) keeps its clock; leaving it banks the days it used.
  const stageDaysUsed = stays
    ? dossier.stageDaysUsed
    : addStageDays(dossier.stageDaysUsed ?? {}, from, dossier.stageEnteredAt, at, holidays);
  const stageEnteredAt = stays ? dossier.stageEnteredAt : event.at;
  const dueAt = dueAtFor({
    state: to,
    context: next.context,
    enteredAt: new Date(stageEnteredAt),
    holidays,
    daysUsed: stageDaysUsed[to] ?? 0,
    planYear,
  });
  await updateDossierIfVersion(em, dossier.id, options.expectedVersion, {
    state: to,
    snapshot: storeDossierSnapshot(next),
    machineVersion: DOSSIER_MACHINE_VERSION,
    stageEnteredAt,
    stageDaysUsed,
    dueAt,
    ...(event.type === 'SUBMIT' && !dossier.submittedAt ? { submittedAt: event.at } : {}),
    updatedAt: isoNow(at),
  });
  const reason = 'reason' in event ? event.reason.trim() : null;
  const criteria = event.type === 'RETURN' && event.criteria?.length ? { criteria: event.criteria } : {};
  const details = { ...criteria, ...options.details };
  await appendAuditEvent(em, {
    dossierId: dossier.id,
    actor: options.actor,
    at: event.at,
    type: event.type,
    from,
    to,
    reason,
    details: Object.keys(details).length > 0 ? details : null,
  });
  if (!stays) {
    await notifyStageEntered(em, dossier, to, options.expectedVersion + 1, dueAt, options.actor, event.at, {
      type: event.type,
      reason: 'reason' in event ? event.reason : undefined,
      criteria: 'criteria' in event ? event.criteria : undefined,
    });
  }
  return { from, to };
}
