import { In } from 'typeorm';
import { searchKey } from './search-key';
import { District, Province, Unit } from '../../entities';
import type { UnitType } from '../../machines/domain';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';

export interface UnitQuery {
  type?: UnitType;
  districtId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** The largest page of units one request may ask for (a province has thousands, the country 112,000). */
export const MAX_UNIT_PAGE = 500;

/**
 * A page of the units in the user's jurisdiction (a unit officer sees only their unit), ordered by district
 * and name: `{items, total, page, pageSize}`, at most MAX_UNIT_PAGE a page.
 */
export async function listUnits(ctx: AppContext, user: CurrentUser, query: UnitQuery) {
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 50, MAX_UNIT_PAGE);
  const scope = jurisdictionFilter(user);
  if (scope === null) return { items: [], total: 0, page, pageSize };
  const qb = ctx.ds.getRepository(Unit).createQueryBuilder('u');
  if ('unitId' in scope) qb.andWhere('u.id = :unitId', { unitId: scope.unitId });
  if ('districtId' in scope)
    qb.andWhere('u.districtId = :scopeDistrict', { scopeDistrict: scope.districtId });
  if ('provinceId' in scope) qb.andWhere('u.provinceId = :provinceId', { provinceId: scope.provinceId });
  if (query.type) qb.andWhere('u.type = :type', { type: query.type });
  if (query.districtId) qb.andWhere('u.districtId = :districtId', { districtId: query.districtId });
  const key = query.q ? searchKey(query.q).replace(/[%_\\]/g, '') : '';
  // By name with or without accents ("thuong nong" finds "Xã Thượng Nông"), or by code.
  if (key) qb.andWhere('(u.searchName LIKE :key OR LOWER(u.code) LIKE :key)', { key: `%${key}%` });
  const [units, total] = await qb
    .orderBy('u.districtId', 'ASC')
    .addOrderBy('u.name', 'ASC')
    .addOrderBy('u.id', 'ASC')
    .skip((page - 1) * pageSize)
    .take(pageSize)
    .getManyAndCount();
  const districtIds = [...new Set(units.map((u) => u.districtId).filter((x): x is string => x !== null))];
  const districts = new Map(
    (districtIds.length ? await ctx.ds.getRepository(District).findBy({ id: In(districtIds) }) : []).map(
      (d) => [d.id, d.name],
    ),
  );
  const items = units.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    type: u.type,
    managedBy: u.managedBy,
    provinceId: u.provinceId,
    districtId: u.districtId,
    districtName: u.districtId ? (districts.get(u.districtId) ?? null) : null,
    tags: u.tags,
    block: u.block,
    active: u.active,
  }));
  return { items, total, page, pageSize };
}

/** Districts in the user's jurisdiction. */
export async function listDistricts(ctx: AppContext, user: CurrentUser) {
  const scope = jurisdictionFilter(user);
  if (scope === null) return [];
  const repo = ctx.ds.getRepository(District);
  if ('districtId' in scope) return repo.find({ where: { id: scope.districtId } });
  if ('unitId' in scope) {
    const unit = await ctx.ds.getRepository(Unit).findOne({ where: { id: scope.unitId } });
    return unit?.districtId ? repo.find({ where: { id: unit.districtId } }) : [];
  }
  if ('provinceId' in scope)
    return repo.find({ where: { provinceId: scope.provinceId }, order: { name: 'ASC' } });
  return repo.find({ order: { name: 'ASC' } });
}

/** A page of all units (admin), filtered by province, district, type and accent-insensitive name. */
export async function pageUnits(
  ctx: AppContext,
  query: { q?: string; type?: UnitType; districtId?: string; page: number; pageSize: number },
) {
  const qb = ctx.ds.getRepository(Unit).createQueryBuilder('u');
  const text = query.q ? searchKey(query.q).replace(/[%_\\]/g, '') : '';
  if (text) qb.andWhere('u.searchName LIKE :text', { text: `%${text}%` });
  if (query.type) qb.andWhere('u.type = :type', { type: query.type });
  if (query.districtId) qb.andWhere('u.districtId = :districtId', { districtId: query.districtId });
  const [units, total] = await qb
    .orderBy('u.provinceId', 'ASC')
    .addOrderBy('u.districtId', 'ASC')
    .addOrderBy('u.name', 'ASC')
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize)
    .getManyAndCount();
  const districtIds = [...new Set(units.map((u) => u.districtId).filter((x): x is string => x !== null))];
  const districts = districtIds.length
    ? await ctx.ds.getRepository(District).findBy({ id: In(districtIds) })
    : [];
  const names = new Map(districts.map((d) => [d.id, d.name]));
  return {
    total,
    items: units.map((u) => ({
      ...u,
      districtName: u.districtId ? (names.get(u.districtId) ?? null) : null,
    })),
  };
}

/** Every province and district, by name (the admin's pickers). */
export async function listAllPlaces(
  ctx: AppContext,
): Promise<{ provinces: Province[]; districts: District[] }> {
  const [provinces, districts] = await Promise.all([
    ctx.ds.getRepository(Province).find({ order: { name: 'ASC' } }),
    ctx.ds.getRepository(District).find({ order: { name: 'ASC' } }),
  ]);
  return { provinces, districts };
}
