import type { AppContext } from '../app-context';
import { Dossier, District, Unit } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import { searchKey } from '../units/search-key';
import type { ListDossiersQuery } from './dossier.schemas';
import type { DossierState } from '../../machines/dossier.machine';
import { STATE_LABELS } from './labels';
import { unitSummary } from './dossier.view';

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
  const [rows, total] = await qb
    .addOrderBy('d.id', 'ASC')
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize)
    .getManyAndCount();
  const unitIds = [...new Set(rows.map((d) => d.unitId))];
  const units = unitIds.length ? await ctx.ds.getRepository(Unit).findBy(unitIds.map((id) => ({ id }))) : [];
  const districtIds = [...new Set(units.map((u) => u.districtId).filter((x): x is string => x !== null))];
  const districts = districtIds.length
    ? await ctx.ds.getRepository(District).findBy(districtIds.map((id) => ({ id })))
    : [];
  const unitById = new Map(units.map((u) => [u.id, u]));
  const districtById = new Map(districts.map((d) => [d.id, d]));
  const items = rows.map((d) => {
    const unit = unitById.get(d.unitId);
    return {
      id: d.id,
      unitId: d.unitId,
      unit: unit
        ? unitSummary(unit, unit.districtId ? (districtById.get(unit.districtId) ?? null) : null)
        : null,
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
