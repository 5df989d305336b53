import type { RequestHandler } from 'express';
import { NotFoundError, ValidationError } from './errors';

const NUL = '\u0000';

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
 * a query or body holding one is malformed (400). Multipart fields are checked where they are parsed.
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
  next();
};
