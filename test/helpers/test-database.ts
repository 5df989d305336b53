import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where a test file's database lives: a SQLite file in its temp dir, or, with TEST_DATABASE=postgres, a new
 * database on the server at PG_ADMIN_URL (dropped afterwards).
 */
export async function createTestDatabaseUrl(
  dataDir: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE !== 'postgres') {
    return { url: `sqlite:${path.join(dataDir, 'test.sqlite')}`, drop: async () => undefined };
  }
  const admin = process.env.PG_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const name = `dienhinh_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
