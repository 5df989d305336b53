import { In, LessThan, type EntityManager } from 'typeorm';
import type { DossierState } from '../../machines/dossier.machine';
import { District, Dossier, Unit } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import { assertMay } from '../auth/permissions';
import { vnDate, workingDaysBetween } from '../calendar/time';
import { stateLabel, statesTagged } from '../dossiers/dossier-rules';
import { loadHolidays } from '../calendar/working-calendar';

/** How many overdue dossiers one district lists (the count covers them all). */
export const OVERDUE_LIST_LIMIT = 100;

export interface OverdueDossier {
  id: string;
  unitId: string;
  unitName: string;
  year: number;
  state: DossierState;
  stateLabel: string;
  dueAt: string;
  /** Working days since the due date. */
  overdueWorkingDays: number;
}

export interface OverdueGroup {
  districtId: string | null;
  /** "Cấp tỉnh quản lý" for province-managed units. */
  districtName: string;
  count: number;
  dossiers: OverdueDossier[];
}

/** Dossiers past their due date in the user's jurisdiction, most overdue first. */
export async function findOverdue(em: EntityManager, user: CurrentUser, now: Date): Promise<Dossier[]> {
  const scope = jurisdictionFilter(user);
  if (scope === null) return [];
  return em.find(Dossier, {
    where: { ...scope, state: In(statesTagged('timed')), dueAt: LessThan(now.toISOString()) },
    order: { dueAt: 'ASC', id: 'ASC' },
  });
}

/** GET /api/deadlines/overdue: overdue dossiers grouped per district (district reviewers and up). */
export async function overdueByDistrict(
  ctx: AppContext,
  user: CurrentUser,
): Promise<{ asOf: string; total: number; districts: OverdueGroup[] }> {
  assertMay(user, 'reports.read');
  const em = ctx.ds.manager;
  const now = ctx.clock();
  const today = vnDate(now);
  const year = Number(today.slice(0, 4));
  const holidays = await loadHolidays(em, ctx.config.holidays, [year - 1, year]);
  const dossiers = await findOverdue(em, user, now);
  const units = dossiers.length
    ? await em.findBy(Unit, { id: In([...new Set(dossiers.map((d) => d.unitId))]) })
    : [];
  const districts = await em.find(District, { order: { name: 'ASC' } });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const groups = new Map<string | null, OverdueGroup>();
  for (const d of dossiers) {
    const district = districts.find((x) => x.id === d.districtId);
    const group = groups.get(d.districtId) ?? {
      districtId: d.districtId,
      districtName: district?.name ?? 'Cấp tỉnh quản lý',
      count: 0,
      dossiers: [],
    };
    group.count += 1;
    // Most overdue first; a district's list stops at OVERDUE_LIST_LIMIT (its count stays whole).
    if (group.dossiers.length < OVERDUE_LIST_LIMIT)
      group.dossiers.push({
        id: d.id,
        unitId: d.unitId,
        unitName: unitName.get(d.unitId) ?? '',
        year: d.year,
        state: d.state,
        stateLabel: stateLabel(d.state),
        dueAt: d.dueAt ?? '',
        overdueWorkingDays: workingDaysBetween(vnDate(new Date(d.dueAt ?? now)), today, holidays),
      });
    groups.set(d.districtId, group);
  }
  const list = [...groups.values()].sort(
    (a, b) => b.count - a.count || a.districtName.localeCompare(b.districtName, 'vi'),
  );
  return { asOf: now.toISOString(), total: dossiers.length, districts: list };
}
