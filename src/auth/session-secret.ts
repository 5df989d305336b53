import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppSetting } from '../../entities';
import { inTransaction } from '../db/transactions';

/**
 * The secret that signs session cookies: SESSION_SECRET if set, otherwise one generated on first start and
 * kept in the database so that every instance (and every restart) signs alike.
 */
export async function sessionSecret(ds: DataSource, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  return inTransaction(ds, async (em) => {
    const existing = await em.findOne(AppSetting, { where: { key: 'session_secret' } });
    if (existing) return existing.value;
    const value = randomBytes(32).toString('hex');
    await em.insert(AppSetting, { key: 'session_secret', value });
    return value;
  });
}
