import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { User } from '../../entities';
import { toCurrentUser } from './current-user';
import { sessionUserIdOf, type SessionData, type StoredSession } from './session-types';

/** Where sessions are kept (src/auth/session-store.ts). */
export interface SessionStore {
  load(sid: string): Promise<StoredSession | null>;
  insert(sid: string, json: string, expiresAt: Date): Promise<void>;
  update(sid: string, json: string, expiresAt: Date): Promise<boolean>;
  destroy(sid: string): Promise<void>;
}

/*
 * Cookie sessions kept in the database, our own small layer: the cookie is `s:<id>.<HMAC-SHA256>`
 * (sessions opened by earlier releases keep working), HttpOnly + SameSite=Lax (+ Secure), a new id at
 * login, nothing stored for a visitor until something is put in the session, expiry 8 hours after the
 * last change, and every change stored before the response ends. passport-local only checks credentials
 * (src/auth/login.ts); it never touches the session.
 */

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- augmenting Express's own namespace
  namespace Express {
    interface Request {
      /** The session's data; change it and it is stored before the response ends. */
      session: SessionData;
    }
  }
}

export interface SessionOptions {
  store: SessionStore;
  cookieName: string;
  secret: string;
  maxAgeMs: number;
  secureCookie: boolean;
}

interface SessionState {
  /** The id; null until a new session is first stored. */
  id: string | null;
  /** JSON as last stored; null for a session not stored yet. */
  stored: string | null;
  res: Response;
  options: SessionOptions;
}

/** Each request's session bookkeeping, beside its data (`req.session` holds the data only). */
const states = new WeakMap<Request, SessionState>();

function stateOf(req: Request): SessionState {
  const state = states.get(req);
  if (!state) throw new Error('sessions() middleware is not installed');
  return state;
}

function newSession(req: Request, res: Response, options: SessionOptions): void {
  states.set(req, { id: null, stored: null, res, options });
  req.session = {};
}

/** Deletes the stored session (if any) and gives the request a new, empty one with no id yet. */
async function renew(req: Request): Promise<void> {
  const state = stateOf(req);
  if (state.stored !== null && state.id) await state.options.store.destroy(state.id);
  newSession(req, state.res, state.options);
}

/**
 * Starts a fresh session for a user who just proved who they are: the old session is deleted and the new
 * one gets a new id when it is stored (no session fixation).
 */
export async function startSession(req: Request, userId: string): Promise<void> {
  await renew(req);
  req.session.userId = userId;
}

/** Ends the session: deletes it and clears the cookie; the request goes on as a visitor. */
export async function endSession(req: Request): Promise<void> {
  const { res, options } = stateOf(req);
  await renew(req);
  req.user = undefined;
  dropCookie(res, options.cookieName);
  res.clearCookie(options.cookieName, { path: '/' });
}

/** Sessions for every request: loads the cookie's session with its user, and saves changes before the end. */
export function sessions(options: SessionOptions): RequestHandler {
  const verified = new VerifiedCookies(options);
  return (req, res, next) => {
    saveBeforeEnd(req, res);
    const sid = verified.idOf(req.headers.cookie);
    if (!sid) {
      newSession(req, res, options);
      return next();
    }
    options.store.load(sid).then((stored) => {
      if (stored) loadSession(req, res, options, sid, stored);
      else newSession(req, res, options);
      next();
    }, next);
  };
}

function loadSession(
  req: Request,
  res: Response,
  options: SessionOptions,
  sid: string,
  stored: StoredSession,
): void {
  states.set(req, { id: sid, stored: stored.json, res, options });
  req.session = stored.data;
  const userId = sessionUserIdOf(stored.data);
  if (!userId) return;
  const user = activeUser(stored.user, userId);
  if (user) req.user = toCurrentUser(user);
  else {
    // A disabled or deleted account loses its sessions at the next request.
    delete req.session.userId;
    delete req.session.passport;
  }
}

const activeUser = (user: User | null, id: string): User | null =>
  user && user.id === id && user.active ? user : null;

/** Holds the response's end until a changed session is stored (the next request must find it). */
function saveBeforeEnd(req: Request, res: Response): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const state = states.get(req);
    if (!state || !changed(req.session, state)) return end(...args);
    saveSession(req.session, state).then(
      () => end(...args),
      (err: unknown) => {
        // The answer is already made; the change is lost and the next request sees the session before it.
        console.error('Không lưu được phiên làm việc:', err);
        end(...args);
      },
    );
    return res;
  }) as Response['end'];
}

function changed(session: SessionData, state: SessionState): boolean {
  const json = JSON.stringify(session);
  return state.stored === null ? json !== '{}' : json !== state.stored;
}

async function saveSession(session: SessionData, state: SessionState): Promise<void> {
  const json = JSON.stringify(session);
  const expiresAt = new Date(Date.now() + state.options.maxAgeMs);
  if (state.stored === null) {
    state.id = crypto.randomBytes(24).toString('base64url');
    await state.options.store.insert(state.id, json, expiresAt);
  } else if (state.id && !(await state.options.store.update(state.id, json, expiresAt))) {
    // Ended elsewhere meanwhile (logout in another tab): not brought back, and this request's cookie stays
    // pointing at nothing.
    return;
  }
  state.stored = json;
  if (state.id && !state.res.headersSent) setSessionCookie(state, state.id, expiresAt);
}

function setSessionCookie(state: SessionState, id: string, expires: Date): void {
  const { res, options } = state;
  dropCookie(res, options.cookieName);
  res.cookie(options.cookieName, `s:${id}.${signature(id, options.secret)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secureCookie,
    expires,
  });
}

/** Removes a Set-Cookie of this name already on the response (regenerated, then saved again). */
export function dropCookie(res: Response, name: string): void {
  const current = res.getHeader('Set-Cookie');
  if (current === undefined) return;
  const cookies = Array.isArray(current) ? current : [String(current)];
  res.setHeader(
    'Set-Cookie',
    cookies.filter((c) => !c.startsWith(`${name}=`)),
  );
}

const signature = (value: string, secret: string): string =>
  crypto.createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '');

/**
 * Cookie values whose signature checked out, with their ids: a signature is a function of the value and
 * the secret alone, so a value once verified needs no second HMAC (a few microseconds per request).
 * Bounded; only good values are kept.
 */
class VerifiedCookies {
  private readonly ids = new Map<string, string>();
  constructor(private readonly options: SessionOptions) {}

  idOf(header: string | undefined): string | null {
    const raw = header && cookieValue(header, this.options.cookieName);
    if (!raw) return null;
    const known = this.ids.get(raw);
    if (known !== undefined) return known;
    const id = verifiedId(raw, this.options.secret);
    if (id !== null) {
      if (this.ids.size >= 10_000) this.ids.clear();
      this.ids.set(raw, id);
    }
    return id;
  }
}

/** The session id of a correctly signed session cookie, or null. */
export function signedId(header: string | undefined, options: SessionOptions): string | null {
  const raw = header && cookieValue(header, options.cookieName);
  return raw ? verifiedId(raw, options.secret) : null;
}

/** The id in a cookie value `s:<id>.<signature>` (URL-encoded) if the signature is right, or null. */
function verifiedId(raw: string, secret: string): string | null {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf('.');
  if (!value.startsWith('s:') || dot < 3) return null;
  const id = value.slice(2, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(signature(id, secret));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
}

/** The first value of the named cookie in a Cookie header. */
function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
