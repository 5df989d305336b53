import type { EntityManager } from 'typeorm';
import { DecisionEvent } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { newId } from '../db/ids';

/** Appends one step of a decision's lifecycle (who, when, from, to, reason) in the caller's transaction. */
export async function appendDecisionEvent(
  em: EntityManager,
  entry: {
    decisionId: string;
    actor: CurrentUser;
    at: string;
    type: string;
    from: string | null;
    to: string;
    reason?: string | null;
    details?: Record<string, unknown> | null;
  },
): Promise<void> {
  await em.insert(DecisionEvent, {
    // simple-json column: TypeORM's insert type does not see through it.
    id: newId(),
    decisionId: entry.decisionId,
    at: entry.at,
    actorId: entry.actor.id,
    actorUsername: entry.actor.username,
    actorRole: entry.actor.role,
    type: entry.type,
    from: entry.from,
    to: entry.to,
    reason: entry.reason ?? null,
    details: (entry.details ?? null) as DecisionEvent['details'] & object,
  });
}

/** A decision's steps, oldest first. */
export async function decisionHistory(em: EntityManager, decisionId: string): Promise<DecisionEvent[]> {
  return em.find(DecisionEvent, { where: { decisionId }, order: { at: 'ASC', id: 'ASC' } });
}
