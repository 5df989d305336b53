import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEvent, Dossier } from '../../entities';
import type { Actor } from '../auth/current-user';
import { newId } from '../db/ids';

export interface AuditInput {
  dossierId: string;
  actor: Actor;
  at: string;
  type: string;
  from: string | null;
  to: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

/** The hash of an event: its content and its predecessor's hash, in a fixed order. */
export function hashAuditEvent(e: Omit<AuditEvent, 'hash' | 'id'>): string {
  const canonical = JSON.stringify([
    e.dossierId,
    e.seq,
    e.at,
    e.actorId,
    e.actorUsername,
    e.actorRole,
    e.type,
    e.fromState,
    e.toState,
    e.reason,
    e.details,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Appends an audit event to a dossier's chain inside the caller's transaction. Two writers of the same
 * step collide on the unique (dossierId, seq) index, which aborts the later transaction.
 */
export async function appendAuditEvent(em: EntityManager, input: AuditInput): Promise<AuditEvent> {
  const last = await em.findOne(AuditEvent, {
    where: { dossierId: input.dossierId },
    order: { seq: 'DESC' },
    select: { seq: true, hash: true },
  });
  const event = em.create(AuditEvent, {
    id: newId(),
    dossierId: input.dossierId,
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actorId: input.actor.id,
    actorUsername: input.actor.username,
    actorRole: input.actor.role,
    type: input.type,
    fromState: input.from,
    toState: input.to,
    reason: input.reason ?? null,
    details: input.details ?? null,
    prevHash: last?.hash ?? null,
  });
  event.hash = hashAuditEvent(event);
  // `details` is free-form JSON, which TypeORM's deep-partial type cannot express.
  await em.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
  return event;
}

export interface ChainProblem {
  dossierId: string;
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'missing_event';
}

/** Recomputes every dossier's chain; an edited, inserted or deleted row shows up as a problem. */
export async function verifyAuditChains(
  ds: DataSource,
): Promise<{ events: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let events = 0;
  let current = '';
  let prev: AuditEvent | undefined;
  const batch = 5000;
  for (let offset = 0; ; offset += batch) {
    const rows = await ds.getRepository(AuditEvent).find({
      order: { dossierId: 'ASC', seq: 'ASC' },
      skip: offset,
      take: batch,
    });
    for (const e of rows) {
      events += 1;
      if (e.dossierId !== current) {
        current = e.dossierId;
        prev = undefined;
      }
      const expectedSeq = (prev?.seq ?? 0) + 1;
      if (e.seq !== expectedSeq)
        problems.push({ dossierId: e.dossierId, seq: e.seq, problem: 'missing_event' });
      if (e.prevHash !== (prev?.hash ?? null)) {
        problems.push({ dossierId: e.dossierId, seq: e.seq, problem: 'broken_link' });
      }
      if (hashAuditEvent(e) !== e.hash)
        problems.push({ dossierId: e.dossierId, seq: e.seq, problem: 'hash_mismatch' });
      prev = e;
    }
    if (rows.length < batch) break;
  }
  // Every change bumps the dossier's version and writes one event, so a deleted tail shows up here.
  const lastSeq = await ds
    .getRepository(AuditEvent)
    .createQueryBuilder('e')
    .select('e.dossierId', 'dossierId')
    .addSelect('MAX(e.seq)', 'last')
    .groupBy('e.dossierId')
    .getRawMany<{ dossierId: string; last: number | string }>();
  const lastByDossier = new Map(lastSeq.map((r) => [r.dossierId, Number(r.last)]));
  for (const d of await ds.getRepository(Dossier).find({ select: { id: true, version: true } })) {
    const last = lastByDossier.get(d.id) ?? 0;
    if (last < d.version) problems.push({ dossierId: d.id, seq: last + 1, problem: 'missing_event' });
  }
  return { events, problems };
}
