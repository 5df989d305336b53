import type { EntityManager } from 'typeorm';
import { Unit } from '../../entities';
import { RuleError } from '../http/errors';
import { searchKey } from './search-key';

const fieldError = (field: string, message: string) =>
  new RuleError('ambiguous_unit', message, { fields: [{ field, code: 'ambiguous_unit', message }] });

/**
 * The unit that `text` names in the province: its code, "name — code" (the picker's option), or a name
 * matched without accents — the whole name, else the one unit whose name contains it. RuleError when
 * several units match, listing them, so the admin can choose.
 */
export async function findUnitByText(
  em: EntityManager,
  provinceId: string,
  text: string,
  field: string,
): Promise<Unit | null> {
  const code = /\s—\s*([A-Za-z0-9._-]+)$/.exec(text)?.[1] ?? text;
  const byCode = await em.findOne(Unit, { where: { code: code.toUpperCase(), provinceId } });
  if (byCode) return byCode;
  const key = searchKey(text).replace(/[%_\\]/g, '');
  if (!key) return null;
  const found = await em
    .createQueryBuilder(Unit, 'u')
    .where('u.provinceId = :provinceId AND u.searchName LIKE :key', { provinceId, key: `%${key}%` })
    .orderBy('u.name', 'ASC')
    .take(6)
    .getMany();
  const exact = found.filter((u) => u.searchName === key);
  if (exact.length === 1) return exact[0];
  if (found.length <= 1) return found[0] ?? null;
  const names = found.slice(0, 5).map((u) => `${u.name} (${u.code})`);
  throw fieldError(
    field,
    `Có nhiều đơn vị khớp "${text}": ${names.join(', ')}${found.length > 5 ? '…' : ''}. Hãy chọn một.`,
  );
}
