import type { EntityManager } from 'typeorm';
import { Province } from '../../entities';
import { nextNumber } from '../decisions/number-sequence';

/** TQ-2026-000123: the province's code, the year, the number in six digits (wider when it must be). */
export function formatDossierCode(provinceCode: string, year: number, n: number): string {
  return `${provinceCode.toUpperCase()}-${year}-${String(n).padStart(6, '0')}`;
}

/** The counter a province's codes of a year come from (the migration that added codes continues it). */
export const dossierCodeKey = (provinceId: string, year: number): string =>
  `dossier-code:${provinceId}:${year}`;

/** The next code of the province's year, inside the opening transaction (gap-free, never repeated). */
export async function nextDossierCode(em: EntityManager, provinceId: string, year: number): Promise<string> {
  const province = await em.findOneByOrFail(Province, { id: provinceId });
  return formatDossierCode(province.code, year, await nextNumber(em, dossierCodeKey(provinceId, year)));
}

const CODE = /^\s*([a-z0-9]{1,8})-(\d{4})-(\d{1,9})\s*$/i;

/** The code a search box was given ("tq-2026-123" finds TQ-2026-000123), or null for a name search. */
export function dossierCodeIn(q: string): string | null {
  const m = CODE.exec(q);
  return m ? formatDossierCode(m[1], Number(m[2]), Number(m[3])) : null;
}
