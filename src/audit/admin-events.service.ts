import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AdminEvent } from '../../entities';
import type { Actor } from '../auth/current-user';
import { newId } from '../db/ids';

export interface AdminChange {
  action: string;
  targetType:
    'user' | 'unit' | 'criteria_set' | 'plan' | 'legal_bases' | 'province' | 'report' | 'holiday' | 'council';
  targetId: string | null;
  summary: string;
  details?: Record<string, unknown>;
}

/** Appends the record of an administrative change, in the transaction that makes the change. */
export async function recordAdminEvent(
  em: EntityManager,
  actor: Actor,
  change: AdminChange,
  at: Date = new Date(),
): Promise<void> {
  const event = em.create(AdminEvent, {
    id: newId(),
    at: at.toISOString(),
    actorId: actor.id,
    actorUsername: actor.username,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    summary: change.summary,
    details: change.details ?? null,
  });
  // `details` is free-form JSON, which TypeORM's deep-partial type cannot express.
  await em.insert(AdminEvent, event as QueryDeepPartialEntity<AdminEvent>);
}

/** The newest administrative changes first, a page at a time. */
export async function listAdminEvents(em: EntityManager, page: number, pageSize: number) {
  const [items, total] = await em.findAndCount(AdminEvent, {
    order: { at: 'DESC', id: 'ASC' },
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  return { items, total };
}

/** The author of changes made from the command line. */
export const CLI_ACTOR: Actor = { id: null, username: 'cli', role: 'system' };
