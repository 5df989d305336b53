import type { DataSource } from 'typeorm';
import { LoginThrottle } from '../../entities';
import type { Clock } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { TooManyRequestsError } from '../http/errors';

/*
 * Failed logins are counted in the database (every instance sees them) under two keys: the username
 * (guessing one account's password) and the client's address (trying one password on many accounts).
 * Either limit locks that key for fifteen minutes.
 */

/** Five wrong passwords for one name within fifteen minutes lock the name for fifteen minutes. */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

/** Who is failing: the name tried and the client's address (as `trust proxy` yields it). */
export interface LoginAttempt {
  username: string;
  clientIp: string | undefined;
}

export interface ThrottleLimits {
  /** Failures one client address may make in the window, whatever the names. */
  perClient: number;
}

const userKey = (username: string): string => `u:${username.trim().toLowerCase()}`.slice(0, 64);
const clientKey = (ip: string): string => `ip:${ip}`.slice(0, 64);

/** Throws TooManyRequestsError (429) while the name or the client is locked; checked before the password. */
export async function assertNotLocked(ds: DataSource, clock: Clock, attempt: LoginAttempt): Promise<void> {
  const keys = [userKey(attempt.username), ...(attempt.clientIp ? [clientKey(attempt.clientIp)] : [])];
  const rows = await ds.getRepository(LoginThrottle).findBy(keys.map((key) => ({ key })));
  const now = clock().getTime();
  const lockedUntil = Math.max(0, ...rows.map((r) => (r.lockedUntil ? Date.parse(r.lockedUntil) : 0)));
  if (lockedUntil > now) {
    const retryAfterSeconds = Math.ceil((lockedUntil - now) / 1000);
    throw new TooManyRequestsError(
      'too_many_attempts',
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
      { retryAfterSeconds },
    );
  }
}

/** Counts one failure under `key`; reaching `max` in the window locks the key. */
async function countFailure(ds: DataSource, now: Date, key: string, max: number): Promise<void> {
  await inTransaction(ds, async (em) => {
    await em
      .createQueryBuilder()
      .insert()
      .into(LoginThrottle)
      .values({ key, failures: 0, windowStart: now.toISOString(), lockedUntil: null })
      .orIgnore()
      .execute();
    const windowOpen = new Date(now.getTime() - WINDOW_MS).toISOString();
    // One statement, so concurrent failures on several instances are all counted.
    await em
      .createQueryBuilder()
      .update(LoginThrottle)
      .set({
        failures: () => `CASE WHEN "windowStart" < :windowOpen THEN 1 ELSE "failures" + 1 END`,
        windowStart: () => `CASE WHEN "windowStart" < :windowOpen THEN :now ELSE "windowStart" END`,
      })
      .where('key = :key', { key, windowOpen, now: now.toISOString() })
      .execute();
    await em
      .createQueryBuilder()
      .update(LoginThrottle)
      .set({ lockedUntil: new Date(now.getTime() + LOCK_MS).toISOString(), failures: 0 })
      .where('key = :key AND failures >= :max', { key, max })
      .execute();
  });
}

/** Counts a failed login against the name and the client. */
export async function recordFailure(
  ds: DataSource,
  clock: Clock,
  attempt: LoginAttempt,
  limits: ThrottleLimits,
): Promise<void> {
  const now = clock();
  await countFailure(ds, now, userKey(attempt.username), MAX_FAILURES);
  if (attempt.clientIp) await countFailure(ds, now, clientKey(attempt.clientIp), limits.perClient);
}

/**
 * A successful login clears the name's count. The client's count stays until its window ends: one account
 * an attacker owns must not reset the limit on trying others.
 */
export async function clearFailures(ds: DataSource, attempt: LoginAttempt): Promise<void> {
  await ds.getRepository(LoginThrottle).delete({ key: userKey(attempt.username) });
}
