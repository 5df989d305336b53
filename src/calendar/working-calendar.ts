import type { EntityManager } from 'typeorm';
import { Holiday } from '../../entities';
import { fixedHolidays } from './time';

/**
 * The days that are not working days besides weekends: the fixed national holidays, the holidays the admin
 * keeps in the database (Tết and Giỗ Tổ move with the lunar calendar), and any from the HOLIDAYS setting.
 */
export async function loadHolidays(
  em: EntityManager,
  configured: readonly string[],
  years: number[],
): Promise<Set<string>> {
  const stored = await em.find(Holiday, { select: { date: true } });
  return new Set([...fixedHolidays(years), ...stored.map((h) => h.date), ...configured]);
}
