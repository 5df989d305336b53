import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { User } from '../../entities';
import type { DatabaseSessionStore, StoredSession } from './session-store';
import { toCurrentUser } from './current-user';

/*
 * Cookie sessions kept in the database. This replaces express-session and passport.session(), which
 * together cost about 40 % of the smallest signed-in request (measured 2026-12-02: per request three
 * SHA-1 hashes of the session, a Session and Cookie object, response hooks, and passport's strategy
 * objects and closures). What stays the same: the cookie (`s:<id>.<HMAC-SHA256>`, so sessions opened
 * before keep working), HttpOnly + SameSite=Lax (+ Secure), a new id at login (passport calls
 * `regenerate`), nothing stored for a visitor until something is put in the session, expiry 8 hours
 * after the last change, and every save done before the response ends.
 */

/** What a session holds; capabilities add their own fields (see `declare module './session'`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface SessionData {}

declare module './session' {
  interface SessionData {
    /** Written by passport at login: the user's id. */
    passport?: { user?: string };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- augmenting Express's own namespace
  namespace Express {
    interface Request {
      session: Session;
    }
  }
}

export interface SessionOptions {
  store: DatabaseSessionStore;
  cookieName: string;
  secret: string;
  maxAgeMs: number;
  secureCookie: boolean;
}

const STATE = Symbol('session state');

interface SessionState {
  /** The id; null until a new session is first stored. */
  id: string | null;
  /** JSON as last stored; null for a session not stored yet. */
  stored: string | null;
  req: Request;
  res: Response;
  options: SessionOptions;
}

type Done = (err?: unknown) => void;

/** `req.session`: the session's data as own properties, and the calls passport and our pages make. */
export class RequestSession {
  // A symbol-keyed field: JSON.stringify(session) writes the data only.
  readonly [STATE]: SessionState;

  constructor(state: SessionState, data: SessionData) {
    this[STATE] = state;
    Object.assign(this, data);
  }

  /** A new id with empty data, the old session deleted (login: no session fixation). */
  regenerate(done: Done): void {
    renew(this, done);
  }

  /** Stores the session now if it changed (and sends its cookie, if the response has not started). */
  save(done: Done): void {
    (changed(this) ? saveSession(this) : Promise.resolve()).then(() => done(), done);
  }

  /** Deletes the session; the request goes on with an empty one, stored only if something is put in. */
  destroy(done: Done): void {
    renew(this, done);
  }
}

/**
 * Deletes the stored session and gives the request a new, empty one: the same for regenerate and destroy,
 * since a new session gets its id only when it is first stored.
 */
function renew(session: RequestSession, done: Done): void {
  const state = session[STATE];
  const stored = state.stored !== null ? state.id : null;
  (stored ? state.options.store.destroy(stored) : Promise.resolve()).then(() => {
    state.req.session = newSession(state.req, state.res, state.options);
    done();
  }, done);
}

/** A request's session: its data and its calls. */
export type Session = RequestSession & SessionData;

function newSession(req: Request, res: Response, options: SessionOptions): Session {
  return new RequestSession({ id: null, stored: null, req, res, options }, {});
}

/** Sessions for every request: loads the cookie's session with its user, and saves changes before the end. */
export function sessions(options: SessionOptions): RequestHandler {
  const verified = new VerifiedCookies(options);
  return (req, res, next) => {
    saveBeforeEnd(req, res);
    const sid = verified.idOf(req.headers.cookie);
    if (!sid) {
      req.session = newSession(req, res, options);
      return next();
    }
    options.store.load(sid).then((stored) => {
      req.session = stored ? loadedSession(req, res, options, sid, stored) : newSession(req, res, options);
      next();
    }, next);
  };
}

function loadedSession(
  req: Request,
  res: Response,
  options: SessionOptions,
  sid: string,
  stored: StoredSession,
): Session {
  const session: Session = new RequestSession(
    { id: sid, stored: stored.json, req, res, options },
    stored.data,
  );
  const userId = session.passport?.user;
  if (userId) {
    const user = activeUser(stored.user, userId);
    if (user) req.user = toCurrentUser(user);
    // A disabled or deleted account loses its sessions at the next request.
    else delete session.passport?.user;
  }
  return session;
}

const activeUser = (user: User | null, id: string): User | null =>
  user && user.id === id && user.active ? user : null;

/** Holds the response's end until a changed session is stored (the next request must find it). */
function saveBeforeEnd(req: Request, res: Response): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const session = req.session as Session | undefined;
    if (!session || !changed(session)) return end(...args);
    saveSession(session).then(
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

function changed(session: RequestSession): boolean {
  const json = JSON.stringify(session);
  const stored = session[STATE].stored;
  return stored === null ? json !== '{}' : json !== stored;
}

async function saveSession(session: RequestSession): Promise<void> {
  const state = session[STATE];
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
