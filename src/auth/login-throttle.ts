import type { DataSource } from 'typeorm';
import { LoginThrottle } from '../../entities';
import type { Clock } from '../calendar/time';
import { inTransaction } from '../db/transactions';
import { TooManyRequestsError } from '../http/errors';

/** Five wrong passwords within fifteen minutes lock the username for fifteen minutes. */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

const keyOf = (username: string): string => username.trim().toLowerCase().slice(0, 64);

/** Throws TooManyRequestsError (429) while the username is locked; checked before the password. */
export async function assertNotLocked(ds: DataSource, clock: Clock, username: string): Promise<void> {
  const row = await ds.getRepository(LoginThrottle).findOneBy({ key: keyOf(username) });
  const now = clock().getTime();
  if (row?.lockedUntil && Date.parse(row.lockedUntil) > now) {
    const retryAfterSeconds = Math.ceil((Date.parse(row.lockedUntil) - now) / 1000);
    throw new TooManyRequestsError(
      'too_many_attempts',
      `Đăng nhập sai quá ${MAX_FAILURES} lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
      { retryAfterSeconds },
    );
  }
}

/** Counts a failed login (in the database, for all instances); the fifth in the window locks the name. */
export async function recordFailure(ds: DataSource, clock: Clock, username: string): Promise<void> {
  const now = clock();
  const key = keyOf(username);
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
      .where('key = :key AND failures >= :max', { key, max: MAX_FAILURES })
      .execute();
  });
}

/** A successful login clears the count. */
export async function clearFailures(ds: DataSource, username: string): Promise<void> {
  await ds.getRepository(LoginThrottle).delete({ key: keyOf(username) });
}
