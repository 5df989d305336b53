import type { Test } from 'supertest';

/** Collects a response body as bytes (PDF, CSV with BOM, downloads) instead of parsing it. */
export const binary = (req: Test): Test =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/** An instant given as a Vietnamese calendar day and hour (UTC+7). */
export const vnTime = (date: string, hour = 9): Date =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
