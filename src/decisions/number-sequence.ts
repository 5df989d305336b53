import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NumberSequence } from '../../entities';

/**
 * The next value of a gap-free counter, inside the caller's transaction. The row's UPDATE locks it until the
 * transaction ends, so concurrent issuers (other instances included) wait their turn; a rolled-back
 * transaction gives its number back. Numbers therefore never repeat and never skip.
 */
export async function nextNumber(em: EntityManager, key: string): Promise<number> {
  await ensureCounter(em, key);
  await em
    .createQueryBuilder()
    .update(NumberSequence)
    .set({ value: () => 'value + 1' })
    .where('key = :key', { key })
    .execute();
  const row = await em.findOneOrFail(NumberSequence, { where: { key } });
  return row.value;
}

/** The counter's row, created at 0 if absent (safe to race: insert-or-ignore). */
async function ensureCounter(em: EntityManager, key: string): Promise<void> {
  await em.createQueryBuilder().insert().into(NumberSequence).values({ key, value: 0 }).orIgnore().execute();
}

/**
 * Moves a counter past a number given by hand (a register that already assigned it), so that the number
 * is never handed out again; a counter already past it stays where it is.
 */
export async function raiseNumber(em: EntityManager, key: string, atLeast: number): Promise<void> {
  await ensureCounter(em, key);
  await em
    .createQueryBuilder()
    .update(NumberSequence)
    .set({ value: () => 'CASE WHEN value < :atLeast THEN :atLeast ELSE value END' })
    .where('key = :key', { key, atLeast })
    .execute();
}

// Crockford base32 without look-alike letters: easy to read aloud and type from a paper certificate.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A certificate serial such as "TQ-2026-7K3M-9Q2X-WD4B": 60 random bits, so serials cannot be enumerated. */
export function newCertificateSerial(provinceCode: string, year: number): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return `${provinceCode}-${year}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
