import type { DataSource } from 'typeorm';
import { ChangeCounter } from '../../entities';
import { tableOf } from './compiled-select';

/*
 * Results validated by change counters. Triggers add one to a scope's counter on every change of the rows
 * under it (migration 1764500000000); a result computed together with the counter's value is exact for as
 * long as the counter still reads that value. Reading a counter is a primary-key lookup, so an expensive
 * result (a province's COUNT over thousands of dossiers) is recomputed only after a change. Nothing here
 * can serve a stale result: the counter is read from the database on every use, so this holds across
 * instances and other writers, and the cache is only a shortcut per process.
 */

/** The counter covering a province's dossiers. */
export const provinceDossiers = (provinceId: string) => `dossiers/province/${provinceId}`;
/** The counter covering a district's dossiers. */
export const districtDossiers = (districtId: string) => `dossiers/district/${districtId}`;

/** A SQL expression for the counter's current value (0 before the scope's first change); one `?`, the scope. */
export function counterValueSql(ds: DataSource): string {
  return `COALESCE((SELECT c.seq FROM ${tableOf(ds, ChangeCounter)} c WHERE c.scope = ?), 0)`;
}

const MAX_ENTRIES = 5000;

/** Results keyed by what computed them, each with the counter value it was computed at (bounded, LRU). */
export class ValidatedCache<T> {
  private readonly entries = new Map<string, { seq: number; value: T }>();

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  /** The value computed at counter value `seq`, if it is still held. */
  get(key: string, seq: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.seq !== seq) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key); // most recently used last
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, seq: number, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { seq, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
