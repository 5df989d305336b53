import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';
import { Session } from '../../entities';
import { inTransaction } from '../db/transactions';

const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000;

type Callback<T = void> = (err?: unknown, value?: T) => void;

export const SESSION_COOKIE = 'dienhinh.sid';

/**
 * express-session store on the application database, so that sessions survive restarts and are shared by
 * every server instance. Writes go through the transaction queue (SQLite has one connection).
 */
export class DatabaseSessionStore extends session.Store {
  constructor(private readonly ds: DataSource) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.ds
      .getRepository(Session)
      .findOne({ where: { sid } })
      .then((row) => {
        if (!row || Date.parse(row.expiresAt) <= Date.now()) return callback(undefined, null);
        callback(undefined, JSON.parse(row.data) as session.SessionData);
      })
      .catch((err: unknown) => callback(err));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const expires = data.cookie.expires
      ? new Date(data.cookie.expires)
      : new Date(Date.now() + DEFAULT_TTL_MS);
    const row = { sid, expiresAt: expires.toISOString(), data: JSON.stringify(data) };
    inTransaction(this.ds, async (em) => {
      const exists = await em.exists(Session, { where: { sid } });
      if (exists) await em.update(Session, { sid }, { expiresAt: row.expiresAt, data: row.data });
      else await em.insert(Session, row);
    })
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
