import type { EntityManager } from 'typeorm';
import { AuditEvent } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { getDossierForUser } from './dossier-access';
import { findCurrentAttachments, findScores } from './dossier.storage';

/** The unit's side of a dossier as it was returned: its scores and its evidence files. */
export interface ReturnedWith {
  scores: { code: string; points: number; note: string | null }[];
  evidence: { id: string; fileName: string; criterionCode: string | null }[];
}

/** What the unit had when the reviewer returned the dossier (kept in the RETURN event's audit details). */
export async function returnedWith(em: EntityManager, dossierId: string): Promise<ReturnedWith> {
  const scores = (await findScores(em, dossierId)).filter((s) => s.stage === 'self');
  const evidence = await findCurrentAttachments(em, dossierId);
  return {
    scores: scores.map((s) => ({ code: s.criterionCode, points: s.points, note: s.note })),
    evidence: evidence.map((a) => ({ id: a.id, fileName: a.fileName, criterionCode: a.criterionCode })),
  };
}

export interface ReturnChanges {
  returnedAt: string;
  reason: string | null;
  scores: {
    code: string;
    before: ReturnedWith['scores'][number] | null;
    after: ReturnedWith['scores'][number] | null;
  }[];
  added: ReturnedWith['evidence'];
  removed: ReturnedWith['evidence'];
}

/**
 * What the unit changed since the latest return, side by side: each criterion whose score or note
 * differs, and the evidence files added and removed. Null when the dossier was never returned (or was
 * returned before returns kept what the unit had).
 */
export async function changesSinceReturn(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
): Promise<ReturnChanges | null> {
  await getDossierForUser(ctx.ds.manager, user, dossierId);
  const last = await ctx.ds.manager.findOne(AuditEvent, {
    where: { dossierId, type: 'RETURN' },
    order: { seq: 'DESC' },
  });
  const before = (last?.details as { returnedWith?: ReturnedWith } | null)?.returnedWith;
  if (!last || !before) return null;
  const now = await returnedWith(ctx.ds.manager, dossierId);
  const was = new Map(before.scores.map((s) => [s.code, s]));
  const is = new Map(now.scores.map((s) => [s.code, s]));
  const codes = [...new Set([...was.keys(), ...is.keys()])];
  const scores = codes
    .map((code) => ({ code, before: was.get(code) ?? null, after: is.get(code) ?? null }))
    .filter(
      (c) => c.before?.points !== c.after?.points || (c.before?.note ?? null) !== (c.after?.note ?? null),
    );
  const hadIds = new Set(before.evidence.map((e) => e.id));
  const hasIds = new Set(now.evidence.map((e) => e.id));
  return {
    returnedAt: last.at,
    reason: last.reason,
    scores,
    added: now.evidence.filter((e) => !hadIds.has(e.id)),
    removed: before.evidence.filter((e) => !hasIds.has(e.id)),
  };
}
