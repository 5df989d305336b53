import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { DossierState } from '../../machines/dossier.machine';
import { AuditEvent, type Dossier } from '../../entities';

/*
 * A report's period and cut-off: the 6-month report covers the first half of its year, the annual report
 * the whole assessment year; only what happened up to the cut-off counts. A report asked for before its
 * cut-off counts up to now.
 */
export type ReportPeriod = 'six_month' | 'annual';

export interface PeriodFacts {
  kind: ReportPeriod;
  /** "6 tháng đầu năm 2026" / "năm 2026". */
  label: string;
  from: string;
  /** The last day counted (YYYY-MM-DD, Vietnam). */
  to: string;
  /** The instant figures are taken at: the period's end, or now if that is earlier. */
  cutoff: string;
  /** Whether the cut-off is in the past (figures are those of that moment, not of today). */
  closed: boolean;
}

export function periodOf(kind: ReportPeriod, year: number, now: Date): PeriodFacts {
  const to = kind === 'six_month' ? `${year}-06-30` : `${year}-12-31`;
  // The end of that day in Vietnam (UTC+7).
  const end = new Date(`${to}T23:59:59.999+07:00`);
  const closed = end.getTime() < now.getTime();
  return {
    kind,
    label: kind === 'six_month' ? `6 tháng đầu năm ${year}` : `năm ${year}`,
    from: `${year}-01-01`,
    to,
    cutoff: (closed ? end : now).toISOString(),
    closed,
  };
}

/**
 * The dossiers as they stood at the cut-off: each takes the state its last audited step before the
 * cut-off left it in, and a submission after the cut-off does not count. A dossier opened after the
 * cut-off is left out; one with no audited step at all (history loaded from before this system) keeps
 * its state.
 */
export async function dossiersAt(em: EntityManager, dossiers: Dossier[], cutoff: string): Promise<Dossier[]> {
  if (!dossiers.length) return dossiers;
  const ids = dossiers.map((d) => d.id);
  const seen = new Set<string>();
  const last = new Map<string, { at: string; to: DossierState }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const any = await em
      .createQueryBuilder(AuditEvent, 'e')
      .select('DISTINCT e.dossierId', 'dossierId')
      .where({ dossierId: In(chunk) })
      .getRawMany<{ dossierId: string }>();
    for (const r of any) seen.add(r.dossierId);
    const events = await em.find(AuditEvent, {
      where: { dossierId: In(chunk), at: LessThanOrEqual(cutoff) },
      select: { dossierId: true, at: true, toState: true, seq: true },
      order: { seq: 'ASC' },
    });
    for (const e of events) if (e.toState) last.set(e.dossierId, { at: e.at, to: e.toState as DossierState });
  }
  return dossiers.flatMap((d) => {
    if (!seen.has(d.id)) return [d];
    const at = last.get(d.id);
    if (!at) return [];
    const submittedAt = d.submittedAt && d.submittedAt <= cutoff ? d.submittedAt : null;
    return [{ ...d, state: at.to, submittedAt }];
  });
}
