import type { Request } from 'express';
import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';
import { Session, User } from '../../entities';
import { sessionUserId } from '../../migrations/1764400000000-session-user';
import { compiledSql, hydrate, selectColumns, tableOf } from '../db/compiled-select';
import { inTransaction } from '../db/transactions';

const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000;

type Callback<T = void> = (err?: unknown, value?: T) => void;

export const SESSION_COOKIE = 'dienhinh.sid';

// The user row read together with a session, first keyed by the data object `get` returns, then by the
// request express-session builds from it. Both maps hold entries only as long as that object lives, so
// nothing outlives the request: this is not a cache, and a change to the user is seen at the next request.
const loadedWithData = new WeakMap<object, User | null>();
const loadedForRequest = new WeakMap<object, User | null>();

/**
 * The user row read with this request's session: a User, null when the session's user no longer
 * exists, or undefined when the session did not name its user (sessions from before the column).
 */
export function userLoadedWithSession(req: Request): User | null | undefined {
  return loadedForRequest.get(req);
}

/**
 * express-session store on the application database, so that sessions survive restarts and are shared by
 * every server instance. Writes go through the transaction queue (SQLite has one connection).
 */
export class DatabaseSessionStore extends session.Store {
  constructor(private readonly ds: DataSource) {
    super();
  }

  /** The session with its user's row, in one query (the user is handed to passport, see below). */
  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const ds = this.ds;
    const sql = compiledSql(
      ds,
      'session-with-user',
      () =>
        `SELECT ${selectColumns(ds, Session, 's')}, ${selectColumns(ds, User, 'u')} ` +
        `FROM ${tableOf(ds, Session)} s LEFT JOIN ${tableOf(ds, User)} u ON u.id = s."userId" WHERE s.sid = ?`,
    );
    ds.query(sql, [sid])
      .then((rows: Record<string, unknown>[]) => {
        const row = rows[0] && hydrate(ds, Session, rows[0], 's');
        if (!row || Date.parse(row.expiresAt) <= Date.now()) return callback(undefined, null);
        const data = JSON.parse(row.data) as session.SessionData;
        if (row.userId) loadedWithData.set(data, hydrate(ds, User, rows[0], 'u'));
        callback(undefined, data);
      })
      .catch((err: unknown) => callback(err));
  }

  /** express-session makes the request's session from what `get` returned: keep its user for the request. */
  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const user = loadedWithData.get(data);
    const created = super.createSession(req, data);
    if (user !== undefined) loadedForRequest.set(req, user);
    return created;
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const expires = data.cookie.expires
      ? new Date(data.cookie.expires)
      : new Date(Date.now() + DEFAULT_TTL_MS);
    const json = JSON.stringify(data);
    const row = { sid, expiresAt: expires.toISOString(), data: json, userId: sessionUserId(json) };
    // One upsert: two requests saving the same new session at once cannot both try to insert it.
    inTransaction(this.ds, (em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(Session)
        .values(row)
        .orUpdate(['expiresAt', 'data', 'userId'], ['sid'])
        .execute(),
    )
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    inTransaction(this.ds, (em) => em.delete(Session, { sid }))
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  /** Deletes expired sessions; run by the daily job and the CLI. */
  async prune(now = new Date()): Promise<number> {
    const result = await inTransaction(this.ds, (em) =>
      em.delete(Session, { expiresAt: LessThan(now.toISOString()) }),
    );
    return result.affected ?? 0;
  }
}
