import { Between, IsNull, LessThan, Not } from 'typeorm';
import { Dossier } from '../../entities';
import type { DossierState } from '../../machines/dossier.machine';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import { stateLabel, stateOptions, statesWhereActs } from './dossier-rules';
import { dueSoonUntil } from './due-dates';

export interface DossierSummary {
  year: number | null;
  total: number;
  byState: { state: DossierState; label: string; count: number }[];
  /** Waiting for this user's role to act. */
  waiting: number;
  dueSoon: number;
  overdue: number;
}

/**
 * The home page's counts over the user's jurisdiction: dossiers per state, those waiting for the user's
 * role, due soon (`dueSoonUntil`) and overdue. Counted in the database, exact on every request.
 */
export async function dossierSummary(
  ctx: AppContext,
  user: CurrentUser,
  year: number | null = null,
): Promise<DossierSummary> {
  const scope = jurisdictionFilter(user);
  const empty: DossierSummary = { year, total: 0, byState: [], waiting: 0, dueSoon: 0, overdue: 0 };
  if (scope === null) return empty;
  const where = { ...scope, ...(year ? { year } : {}) };
  const repo = ctx.ds.getRepository(Dossier);
  const rows = await repo
    .createQueryBuilder('d')
    .select('d.state', 'state')
    .addSelect('COUNT(*)', 'n')
    .where(where)
    .groupBy('d.state')
    .getRawMany<{ state: DossierState; n: number | string }>();
  const counts = new Map(rows.map((r) => [r.state, Number(r.n)]));
  const now = ctx.clock();
  const soon = dueSoonUntil(now);
  const acting = statesWhereActs(user.role);
  const timed = { ...where, dueAt: Not(IsNull()) };
  const [dueSoon, overdue] = await Promise.all([
    repo.countBy({ ...timed, dueAt: Between(now.toISOString(), soon.toISOString()) }),
    // The list's rule: a due date in the past (only timed stages have one).
    repo.countBy({ ...timed, dueAt: LessThan(now.toISOString()) }),
  ]);
  return {
    year,
    total: [...counts.values()].reduce((a, b) => a + b, 0),
    byState: stateOptions()
      .filter(([state]) => counts.has(state))
      .map(([state]) => ({ state, label: stateLabel(state), count: counts.get(state) ?? 0 })),
    waiting: acting.reduce((sum, s) => sum + (counts.get(s) ?? 0), 0),
    dueSoon,
    overdue,
  };
}
