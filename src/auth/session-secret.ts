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
  // Instances starting together race to create it: insert-or-ignore, then everyone reads the one that won.
  return inTransaction(ds, async (em) => {
    await em
      .createQueryBuilder()
      .insert()
      .into(AppSetting)
      .values({ key: 'session_secret', value: randomBytes(32).toString('hex') })
      .orIgnore()
      .execute();
    const stored = await em.findOneOrFail(AppSetting, { where: { key: 'session_secret' } });
    return stored.value;
  });
}
