import type { AppContext } from '../app-context';
import { Dossier, District, Unit } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import { searchKey } from '../units/search-key';
import type { ListDossiersQuery } from './dossier.schemas';
import type { DossierState } from '../../machines/dossier.machine';
import { STATE_LABELS } from './labels';
import { unitSummary } from './dossier.view';

/** A listed dossier with its unit and the unit's district, mapped by the list query. */
type ListedDossier = Dossier & { unitRow?: (Unit & { district?: District | null }) | null };

/** What the inbox adds to a list query: several states at once, most urgent first. */
export interface ListOptions {
  states?: readonly DossierState[];
  order?: 'updated' | 'due';
}

/** A page of dossiers in the user's jurisdiction, newest change first (or soonest due first). */
export async function listDossiers(
  ctx: AppContext,
  user: CurrentUser,
  query: ListDossiersQuery,
  options: ListOptions = {},
) {
  const scope = jurisdictionFilter(user);
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (scope === null) return empty;
  const qb = ctx.ds.getRepository(Dossier).createQueryBuilder('d');
  for (const [column, value] of Object.entries(scope))
    qb.andWhere(`d.${column} = :scope_${column}`, { [`scope_${column}`]: value });
  if (query.state) qb.andWhere('d.state = :state', { state: query.state });
  if (options.states) {
    if (!options.states.length) return empty;
    qb.andWhere('d.state IN (:...states)', { states: options.states });
  }
  if (query.year) qb.andWhere('d.year = :year', { year: query.year });
  if (query.districtId) qb.andWhere('d.districtId = :districtId', { districtId: query.districtId });
  if (query.unitType) qb.andWhere('d.unitType = :unitType', { unitType: query.unitType });
  const text = query.q ? searchKey(query.q) : '';
  if (text) {
    qb.innerJoin(Unit, 'u', 'u.id = d.unitId').andWhere('u.searchName LIKE :text', {
      text: `%${text.replace(/[%_\\]/g, '')}%`,
    });
  }
  if (options.order === 'due') qb.orderBy('d.dueAt', 'ASC', 'NULLS LAST').addOrderBy('d.updatedAt', 'DESC');
  else qb.orderBy('d.updatedAt', 'DESC');
  const count = qb.clone();
  // The page's units and districts come in the same query. The joins are many-to-one (a dossier has one
  // unit, a unit at most one district), so plain LIMIT/OFFSET pages exactly — TypeORM's skip/take would
  // add a query to page distinct ids; the count is taken without the joins.
  const rows: ListedDossier[] = await qb
    .leftJoinAndMapOne('d.unitRow', Unit, 'lu', 'lu.id = d.unitId')
    .leftJoinAndMapOne('lu.district', District, 'ld', 'ld.id = lu.districtId')
    .addOrderBy('d.id', 'ASC')
    .offset((query.page - 1) * query.pageSize)
    .limit(query.pageSize)
    .getMany();
  // COUNT(*), not TypeORM's getCount(): that counts DISTINCT ids, which costs ten times more on a
  // province's thousands of rows (measured), and rows are already distinct without joins.
  const counted = await count.orderBy().select('COUNT(*)', 'n').getRawOne<{ n: number | string }>();
  const total = Number(counted?.n ?? 0);
  const items = rows.map((d) => {
    const unit = d.unitRow;
    return {
      id: d.id,
      unitId: d.unitId,
      unit: unit ? unitSummary(unit, unit.district ?? null) : null,
      year: d.year,
      state: d.state,
      stateLabel: STATE_LABELS[d.state],
      version: d.version,
      dueAt: d.dueAt,
      overdue: d.dueAt !== null && Date.parse(d.dueAt) < ctx.clock().getTime(),
      updatedAt: d.updatedAt,
    };
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
