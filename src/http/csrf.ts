import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from './errors';

declare module '../auth/session-types' {
  interface SessionData {
    /** Synchronizer token for state-changing requests made by our pages (CSRF). */
    csrfToken?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The session's CSRF token, created on first use (this also starts a session for the login page). */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function presentedToken(req: Request): string | undefined {
  const header = req.get(CSRF_HEADER);
  if (header) return header;
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body[CSRF_FIELD] === 'string') return body[CSRF_FIELD];
  // Multipart forms are parsed after this check, so their token travels in the action URL.
  const query = req.query[CSRF_FIELD];
  return typeof query === 'string' ? query : undefined;
}

/**
 * CSRF protection for cookie sessions. Every state-changing request that a browser makes — a page's form
 * or a page's script calling the API — must carry the session's token; a browser always says so by
 * sending `Origin` or `Sec-Fetch-Site` with such requests. Requests from another site are refused
 * outright. Non-browser API clients (curl, integrations) send neither header and cannot be forged by a
 * third-party page, so the JSON API keeps working for them without a token. Pages (non-/api paths)
 * always need the token.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    return next(new ForbiddenError('cross_site_request', 'Yêu cầu từ trang web khác bị từ chối.'));
  }
  const fromBrowser = site !== undefined || req.get('origin') !== undefined;
  const isPage = !req.path.startsWith('/api/');
  if (!fromBrowser && !isPage) return next();
  const expected = req.session?.csrfToken;
  const given = presentedToken(req);
  if (!expected || !given || !sameToken(expected, given)) {
    return next(
      new ForbiddenError(
        'csrf_failed',
        'Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.',
      ),
    );
  }
  next();
};
