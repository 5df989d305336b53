import { z } from 'zod';
import { Decision, DecisionItem, Dossier, Province } from '../../entities';
import { UNIT_TYPES, type UnitType } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { decisionStatesTagged } from '../decisions/decision-rules';
import { hasTag } from '../dossiers/dossier-rules';

export const RegistryQuery = z.strictObject({
  province: z.string().trim().max(32).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(['recognition', 'award']).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type RegistryQuery = z.infer<typeof RegistryQuery>;

export interface RegistryEntry {
  unitName: string;
  districtName: string | null;
  unitType: UnitType;
  provinceName: string;
  achievementYear: number;
  kind: 'recognition' | 'award';
  decisionNumber: string;
  issuedAt: string;
  serial: string;
  /** False once the recognition was revoked (the entry stays, marked). */
  inForce: boolean;
}

export const REGISTRY_PAGE = 50;

/**
 * The public registry (sổ công khai) of recognized and awarded units: every certificate of an issued
 * recognition or award decision, newest year first, with its serial to verify. Organizations only — no
 * person's name, not even the signer's.
 */
export async function listRegistry(ctx: AppContext, query: RegistryQuery) {
  const qb = ctx.ds
    .getRepository(DecisionItem)
    .createQueryBuilder('i')
    .innerJoin(Decision, 'd', 'd.id = i.decisionId')
    .innerJoin(Dossier, 's', 's.id = i.dossierId')
    .innerJoin(Province, 'p', 'p.id = d.provinceId')
    .where('d.state IN (:...issued)', { issued: decisionStatesTagged('numbered') })
    .andWhere('d.kind IN (:...kinds)', { kinds: query.kind ? [query.kind] : ['recognition', 'award'] })
    .andWhere('i.serial IS NOT NULL');
  if (query.province) qb.andWhere('p.code = :province', { province: query.province.toUpperCase() });
  if (query.year) qb.andWhere('d.achievementYear = :year', { year: query.year });
  if (query.type) qb.andWhere('i.unitType = :type', { type: query.type });
  const total = await qb.getCount();
  const rows = await qb
    .select([
      'i.unitName AS "unitName"',
      'i.districtName AS "districtName"',
      'i.unitType AS "unitType"',
      'i.serial AS "serial"',
      'p.name AS "provinceName"',
      'd.achievementYear AS "achievementYear"',
      'd.kind AS "kind"',
      'd.numberText AS "decisionNumber"',
      'd.issuedAt AS "issuedAt"',
      's.state AS "state"',
    ])
    .orderBy('d.achievementYear', 'DESC')
    .addOrderBy('p.name', 'ASC')
    .addOrderBy('i.unitName', 'ASC')
    .addOrderBy('i.id', 'ASC')
    .offset((query.page - 1) * REGISTRY_PAGE)
    .limit(REGISTRY_PAGE)
    .getRawMany<Omit<RegistryEntry, 'inForce'> & { state: string }>();
  const items: RegistryEntry[] = rows.map(({ state, ...r }) => ({
    ...r,
    achievementYear: Number(r.achievementYear),
    inForce: hasTag(state, 'recognized'),
  }));
  return { total, page: query.page, pageSize: REGISTRY_PAGE, items };
}
