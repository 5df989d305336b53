import { randomUUID } from 'node:crypto';

/** A new primary key; generated in code so both databases need no extension. */
export const newId = (): string => randomUUID();

/** The current instant in the stored format (ISO 8601 UTC). */
export const isoNow = (at: Date = new Date()): string => at.toISOString();
