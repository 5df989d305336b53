import type { RequestHandler } from 'express';
import { NotFoundError, ValidationError } from './errors';

const NUL = '\u0000';

/**
 * Bidirectional controls (U+200E/F, U+202A–202E, U+2066–2069) reorder what a person reads: a file
 * "hoa-don\u202Efdp.exe.pdf" shows as "hoa-donfdp.exe". Vietnamese text never needs them.
 */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional controls. */
export const stripBidi = (text: string): string => text.replace(BIDI, '');

/** Strips bidirectional controls from every string of a parsed body, in place (depth-limited). */
export function stripBidiDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return stripBidi(value);
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripBidiDeep(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = stripBidiDeep(record[key], depth + 1);
  return value;
}

/** The path of the first string holding a NUL character, or null (depth-limited like the body itself). */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path || '(body)' : null;
  if (depth > 32 || typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return at;
    const found = findNul(inner, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** 400 naming the field whose text holds a NUL character. */
export function assertNoNul(value: unknown, prefix = ''): void {
  const field = findNul(value, prefix);
  if (field === null) return;
  const message = 'Không được chứa ký tự điều khiển NUL (U+0000).';
  throw new ValidationError('invalid_characters', 'Dữ liệu gửi lên chứa ký tự không hợp lệ.', {
    fields: [{ field, code: 'invalid_characters', message }],
  });
}

/**
 * Refuses text no database should be asked to store: PostgreSQL cannot hold U+0000 at all (it answered
 * 500), SQLite would keep it and show it later. A path holding one names nothing that can exist (404);
 * a query or body holding one is malformed (400). Bidirectional controls are dropped from the body.
 * Multipart fields and file names are checked where they are parsed.
 */
export const inputGuard: RequestHandler = (req, _res, next) => {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return next(new NotFoundError('route_not_found', 'Không tìm thấy địa chỉ yêu cầu.'));
  }
  if (path.includes(NUL)) return next(new NotFoundError('not_found', 'Không tìm thấy.'));
  try {
    assertNoNul(req.query, 'query');
    assertNoNul(req.body);
  } catch (err) {
    return next(err);
  }
  if (req.body && typeof req.body === 'object') stripBidiDeep(req.body);
  next();
};
