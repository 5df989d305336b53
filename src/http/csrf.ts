import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
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

/** The cookie that carries a visitor's CSRF nonce (double submit: no session row for a visitor). */
export const VISITOR_CSRF_COOKIE = 'dienhinh.csrf';

interface CsrfContext {
  secret: string;
  secureCookie: boolean;
  res: Response;
  /** The visitor's nonce: from the request's cookie, or made for this response. */
  nonce?: string;
}
const contexts = new WeakMap<Request, CsrfContext>();

const hmac = (secret: string, value: string): string =>
  crypto.createHmac('sha256', secret).update(`csrf:${value}`).digest('base64url');

function cookieNonce(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === VISITOR_CSRF_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** A visitor's token: an HMAC of the nonce in their cookie, which is set on first use. */
function visitorToken(req: Request, ctx: CsrfContext): string {
  ctx.nonce ??= cookieNonce(req);
  if (!ctx.nonce) {
    ctx.nonce = crypto.randomBytes(24).toString('base64url');
    if (!ctx.res.headersSent) {
      ctx.res.cookie(VISITOR_CSRF_COOKIE, ctx.nonce, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.secureCookie,
      });
    }
  }
  return hmac(ctx.secret, ctx.nonce);
}

/**
 * The CSRF token for the page being rendered. A logged-in user (or anyone whose session is stored) has a
 * synchronizer token in the session; a visitor gets a signed double-submit token, so that a login page
 * shown to a visitor stores nothing in the database.
 */
export function csrfToken(req: Request): string {
  if (req.session.csrfToken) return req.session.csrfToken;
  const ctx = contexts.get(req);
  if (req.user || !ctx) {
    req.session.csrfToken = crypto.randomBytes(32).toString('base64url');
    return req.session.csrfToken;
  }
  return visitorToken(req, ctx);
}

/** The token this request must present: the session's, else the one signed from the visitor's cookie. */
function expectedToken(req: Request, ctx: CsrfContext): string | undefined {
  if (req.session?.csrfToken) return req.session.csrfToken;
  const nonce = cookieNonce(req);
  return nonce ? hmac(ctx.secret, nonce) : undefined;
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
export function csrfProtection(options: { secret: string; secureCookie: boolean }): RequestHandler {
  return (req, res, next) => {
    const ctx: CsrfContext = { ...options, res };
    contexts.set(req, ctx);
    checkRequest(req, ctx, next);
  };
}

function checkRequest(req: Request, ctx: CsrfContext, next: (err?: unknown) => void): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    return next(new ForbiddenError('cross_site_request', 'Yêu cầu từ trang web khác bị từ chối.'));
  }
  const fromBrowser = site !== undefined || req.get('origin') !== undefined;
  const isPage = !req.path.startsWith('/api/');
  if (!fromBrowser && !isPage) return next();
  const expected = expectedToken(req, ctx);
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
}
