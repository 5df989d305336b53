import type { DossierState } from '../../machines/dossier.machine';
import { Dossier, Province, Unit } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { hasTag } from '../dossiers/dossier-rules';
import { percent } from './progress-rows';

export interface NationalRow {
  provinceId: string;
  code: string;
  name: string;
  units: number;
  registered: number;
  submitted: number;
  recognized: number;
  /** Recognized units as a share of the province's units, in percent (one decimal). */
  recognizedShare: number | null;
}

export interface NationalReport {
  year: number;
  asOf: string;
  rows: NationalRow[];
  total: Omit<NationalRow, 'provinceId' | 'code' | 'name'>;
}

/**
 * Every province side by side and the national total, for a year (the Ministry's view). Counted in the
 * database, grouped by province and state, so it stays quick on a national data set.
 */
export async function nationalReport(
  ctx: AppContext,
  user: CurrentUser,
  year: number,
): Promise<NationalReport> {
  assertMay(user, 'reports.national');
  const em = ctx.ds.manager;
  const provinces = await em.find(Province, { order: { name: 'ASC' } });
  const units = await em
    .createQueryBuilder(Unit, 'u')
    .select('u.provinceId', 'provinceId')
    .addSelect('COUNT(*)', 'n')
    .where('u.active = :active', { active: true })
    .groupBy('u.provinceId')
    .getRawMany<{ provinceId: string; n: string | number }>();
  const dossiers = await em
    .createQueryBuilder(Dossier, 'd')
    .select('d.provinceId', 'provinceId')
    .addSelect('d.state', 'state')
    .addSelect('COUNT(*)', 'n')
    .addSelect('SUM(CASE WHEN d.submittedAt IS NULL THEN 0 ELSE 1 END)', 'submitted')
    .where('d.year = :year', { year })
    .groupBy('d.provinceId')
    .addGroupBy('d.state')
    .getRawMany<{
      provinceId: string;
      state: DossierState;
      n: string | number;
      submitted: string | number;
    }>();
  const rows: NationalRow[] = provinces.map((p) => {
    const mine = dossiers.filter((d) => d.provinceId === p.id);
    const count = (pred: (s: DossierState) => boolean, f: (d: (typeof mine)[number]) => number) =>
      mine.filter((d) => pred(d.state)).reduce((s, d) => s + f(d), 0);
    const registered = (s: DossierState) => hasTag(s, 'registered');
    const unitCount = Number(units.find((u) => u.provinceId === p.id)?.n ?? 0);
    const recognized = count(
      (s) => hasTag(s, 'recognized'),
      (d) => Number(d.n),
    );
    return {
      provinceId: p.id,
      code: p.code,
      name: p.name,
      units: unitCount,
      registered: count(registered, (d) => Number(d.n)),
      submitted: count(registered, (d) => Number(d.submitted)),
      recognized,
      recognizedShare: unitCount ? percent(recognized, unitCount) : null,
    };
  });
  const sum = (f: (r: NationalRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const totalUnits = sum((r) => r.units);
  const totalRecognized = sum((r) => r.recognized);
  return {
    year,
    asOf: ctx.clock().toISOString(),
    rows,
    total: {
      units: totalUnits,
      registered: sum((r) => r.registered),
      submitted: sum((r) => r.submitted),
      recognized: totalRecognized,
      recognizedShare: totalUnits ? percent(totalRecognized, totalUnits) : null,
    },
  };
}
