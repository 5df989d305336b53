import { LessThan, type DataSource, type EntityManager } from 'typeorm';
import { District, Province, Session, Unit, User } from '../../entities';
import type { CurrentUser } from './current-user';
import { compiledSql, hydrate, queryRows, selectColumns, tableOf } from '../db/compiled-select';
import { inTransaction } from '../db/transactions';
import { sessionUserIdOf, sessionUserIdOfJson, type SessionData, type StoredSession } from './session-types';

export const SESSION_COOKIE = 'dienhinh.sid';

/** The names of a user's unit, district and province as one row. */
export type ScopeNames = Record<string, string | null>;

/** The names of the user's unit, district and province (null where the user has none), one statement. */
export async function scopeNames(ds: DataSource, user: CurrentUser): Promise<ScopeNames> {
  const sql = compiledSql(ds, 'scope-names', () => {
    const nameIn = (table: string) => `(SELECT t.name FROM ${table} t WHERE t.id = ?)`;
    return (
      `SELECT ${nameIn(tableOf(ds, Unit))} AS "unitName", ${nameIn(tableOf(ds, District))} AS "districtName", ` +
      `${nameIn(tableOf(ds, Province))} AS "provinceName"`
    );
  });
  const rows = await queryRows<ScopeNames>(ds, sql, [user.unitId, user.districtId, user.provinceId]);
  return rows[0] ?? {};
}

/**
 * Sessions in the application database, so that they survive restarts and every server instance shares
 * them. Writes go through the transaction queue (SQLite has one connection).
 */
export class DatabaseSessionStore {
  constructor(private readonly ds: DataSource) {}

  /** The session with its user's row, in one query; null when there is none or it has expired. */
  async load(sid: string, now = Date.now()): Promise<StoredSession | null> {
    const ds = this.ds;
    const sql = compiledSql(
      ds,
      'session-with-user',
      () =>
        `SELECT ${selectColumns(ds, Session, 's')}, ${selectColumns(ds, User, 'u')} ` +
        `FROM ${tableOf(ds, Session)} s LEFT JOIN ${tableOf(ds, User)} u ON u.id = s."userId" WHERE s.sid = ?`,
    );
    const rows = await queryRows(ds, sql, [sid]);
    const row = rows[0] && hydrate(ds, Session, rows[0], 's');
    if (!row || Date.parse(row.expiresAt) <= now) return null;
    const data = JSON.parse(row.data) as SessionData & { cookie?: unknown };
    // Sessions written by express-session (before 2026-12) carry its cookie settings: not ours to keep.
    delete data.cookie;
    const json = JSON.stringify(data);
    const userId = sessionUserIdOf(data);
    if (!userId) return { data, json, user: null };
    // Sessions from before the userId column name their user only in their data.
    const user = row.userId
      ? hydrate(ds, User, rows[0], 'u')
      : await ds.getRepository(User).findOne({ where: { id: userId } });
    return { data, json, user: user?.id === userId ? user : null };
  }

  /** Stores a new session. */
  async insert(sid: string, json: string, expiresAt: Date): Promise<void> {
    await inTransaction(this.ds, (em) => em.insert(Session, this.row(sid, json, expiresAt)));
  }

  /**
   * Updates a stored session; false when it is no longer there (logged out or ended elsewhere meanwhile),
   * in which case nothing is written: a request still running must not bring an ended session back.
   */
  async update(sid: string, json: string, expiresAt: Date): Promise<boolean> {
    const { expiresAt: expires, data, userId } = this.row(sid, json, expiresAt);
    const result = await inTransaction(this.ds, (em) =>
      em.update(Session, { sid }, { expiresAt: expires, data, userId }),
    );
    return (result.affected ?? 0) > 0;
  }

  async destroy(sid: string): Promise<void> {
    await inTransaction(this.ds, (em) => em.delete(Session, { sid }));
  }

  /** Deletes expired sessions; run by the daily job and the CLI. */
  async prune(now = new Date()): Promise<number> {
    const result = await inTransaction(this.ds, (em) =>
      em.delete(Session, { expiresAt: LessThan(now.toISOString()) }),
    );
    return result.affected ?? 0;
  }

  private row(sid: string, json: string, expiresAt: Date) {
    return { sid, expiresAt: expiresAt.toISOString(), data: json, userId: sessionUserIdOfJson(json) };
  }
}

/**
 * Ends every session of a user (except `exceptSid`, the one making the change) inside transaction `em`:
 * a changed password, role, scope or lock takes effect at each other session's next request.
 */
export async function endSessionsOfUser(
  em: EntityManager,
  userId: string,
  exceptSid?: string,
): Promise<void> {
  const query = em.createQueryBuilder().delete().from(Session).where('"userId" = :userId', { userId });
  if (exceptSid) query.andWhere('sid <> :exceptSid', { exceptSid });
  await query.execute();
}
