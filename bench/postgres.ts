// The same reads on PostgreSQL, with one server instance and with two sharing the database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DEMO_PASSWORD } from '../src/demo/load-demo-data';
import { load, login, ratio, ROOT, startServer, type LoadResult, type Server } from './lib';

export interface PostgresBench {
  dossiers: number;
  one: { read: LoadResult; list: LoadResult; inbox: LoadResult };
  /** Two instances, each driven by its own load generator at the same time (half the connections each). */
  two: { read: number; list: number };
  plans: { name: string; plan: string }[];
}

const VERSION = 'v2';

/** The PostgreSQL server to use: BENCH_PG_ADMIN_URL, else PG_ADMIN_URL; none means skip. */
export function postgresAdminUrl(): string | null {
  return process.env.BENCH_PG_ADMIN_URL ?? process.env.PG_ADMIN_URL ?? null;
}

/** A national data set of `dossiers` on PostgreSQL, generated once (the database is kept, marked ready). */
async function ensureDatabase(admin: string, dossiers: number, dataDir: string): Promise<string> {
  const name = `dienhinh_bench_${VERSION}_${dossiers}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    const found = await client.query<{ note: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1",
      [name],
    );
    if (found.rows[0]?.note === 'ready' && fs.existsSync(dataDir)) return url.toString();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    console.log(`Tạo dữ liệu ${dossiers} hồ sơ trên PostgreSQL…`);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'demo:scale', '--dossiers', String(dossiers)],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DEMO_DATA: '0', DATABASE_URL: url.toString() },
        stdio: 'inherit',
      },
    );
    if (r.status !== 0) throw new Error('demo:scale on PostgreSQL failed');
    const app = new Client({ connectionString: url.toString() });
    await app.connect();
    await app.query('ANALYZE');
    await app.end();
    await client.query(`COMMENT ON DATABASE ${name} IS 'ready'`);
    return url.toString();
  } finally {
    await client.end();
  }
}

const start = (dataDir: string, url: string): Promise<Server> =>
  startServer(
    'src/server.ts',
    { DATA_DIR: dataDir, DEMO_DATA: '0', DATABASE_URL: url, HOLIDAYS: '' },
    '/healthz',
  );

/** The targets of one signed-in appraiser: list, inbox, and the first dossier of the inbox. */
async function targets(server: Server) {
  const cookie = await login(server.url, 'hni.tinh', DEMO_PASSWORD);
  const inbox = `${server.url}/api/dossiers?state=provincial_appraisal&page=1&pageSize=20`;
  const first = ((await (await fetch(inbox, { headers: { cookie } })).json()) as { items: { id: string }[] })
    .items[0];
  return {
    headers: { cookie },
    list: `${server.url}/api/dossiers?page=1&pageSize=20`,
    inbox,
    read: `${server.url}/api/dossiers/${first.id}`,
  };
}

export async function benchPostgres(
  admin: string,
  dossiers: number,
  seconds: number,
): Promise<PostgresBench> {
  const dataDir = path.join(ROOT, 'bench/.data', `pg-${dossiers}-${VERSION}`);
  const url = await ensureDatabase(admin, dossiers, dataDir);

  console.log('Đo trên PostgreSQL, một tiến trình…');
  const a = await start(dataDir, url);
  let t = await targets(a);
  const opts = { headers: t.headers, duration: seconds, pid: a.proc.pid };
  const one = {
    read: await load(t.read, opts),
    list: await load(t.list, opts),
    inbox: await load(t.inbox, opts),
  };

  console.log('Đo trên PostgreSQL, hai tiến trình cùng một cơ sở dữ liệu…');
  const b = await start(dataDir, url);
  t = await targets(a);
  const u = await targets(b);
  const pair = async (x: string, y: string) => {
    const [p, q] = await Promise.all([
      load(x, { headers: t.headers, duration: seconds, connections: 5 }),
      load(y, { headers: u.headers, duration: seconds, connections: 5 }),
    ]);
    return p.requestsPerSec + q.requestsPerSec;
  };
  const two = { read: await pair(t.read, u.read), list: await pair(t.list, u.list) };
  await b.stop();
  await a.stop();
  return { dossiers, one, two, plans: await explainPlans(url) };
}

/** PostgreSQL's own plans for the list page, the inbox and the dossier read, on the bench data. */
async function explainPlans(url: string): Promise<{ name: string; plan: string }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ provinceId: string; id: string }>(
      `SELECT "provinceId", "id" FROM "dossiers" WHERE "state" = 'provincial_appraisal' LIMIT 1`,
    );
    const [{ provinceId, id }] = rows;
    const queries = [
      {
        name: 'list page (province, newest first, units and districts joined)',
        sql: `SELECT d.id, lu.name, ld.name FROM dossiers d LEFT JOIN units lu ON lu.id = d."unitId" LEFT JOIN districts ld ON ld.id = lu."districtId" WHERE d."provinceId" = $1 ORDER BY d."updatedAt" DESC, d.id ASC LIMIT 20`,
        params: [provinceId],
      },
      {
        name: 'inbox (province, state)',
        sql: `SELECT d.id FROM dossiers d WHERE d."provinceId" = $1 AND d.state = 'provincial_appraisal' ORDER BY d."updatedAt" DESC, d.id ASC LIMIT 20`,
        params: [provinceId],
      },
      {
        name: 'list count (when the change counter moved)',
        sql: `SELECT COUNT(*) FROM dossiers d WHERE d."provinceId" = $1`,
        params: [provinceId],
      },
      {
        name: 'dossier read (one statement with scores and evidence)',
        sql: `SELECT d.id, u.name, di.name, (SELECT json_agg(json_build_array(s.stage, s.points)) FROM scores s WHERE s."dossierId" = d.id), (SELECT json_agg(a.id) FROM attachments a WHERE a."dossierId" = d.id AND a."removedAt" IS NULL) FROM dossiers d LEFT JOIN units u ON u.id = d."unitId" LEFT JOIN districts di ON di.id = u."districtId" WHERE d.id = $1`,
        params: [id],
      },
    ];
    const out: { name: string; plan: string }[] = [];
    for (const q of queries) {
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${q.sql}`, q.params);
      out.push({ name: q.name, plan: plan.rows.map((r) => r['QUERY PLAN'].trim()).join('; ') });
    }
    return out;
  } finally {
    await client.end();
  }
}

/** The PostgreSQL runs, or how to get them. */
export function postgresSection(pg: PostgresBench | null, bare: number): string {
  if (!pg) {
    return `
## PostgreSQL

Không đo trong lần chạy này: đặt \`BENCH_PG_ADMIN_URL\` (hoặc \`PG_ADMIN_URL\`) tới một máy chủ PostgreSQL.
`;
  }
  const lr = (l: LoadResult) =>
    `${l.requestsPerSec} req/s (${ratio(l.requestsPerSec, bare)} of bare Express), p50 ${l.p50} ms, p99 ${l.p99} ms, lỗi ${l.errors + l.non2xx}`;
  return `
## PostgreSQL (${pg.dossiers} hồ sơ, máy chủ cùng máy)

The same requests with the application on PostgreSQL (\`DATABASE_URL\`), first one instance, then two
instances on the same database, each driven by its own load generator at the same time (5 connections
each). On this 2-core machine the two instances, PostgreSQL and the load generators share the cores, so
the second row shows that instances share nothing but the database, not how capacity grows on more cores.

| run | result |
|---|---|
| đọc hồ sơ, một tiến trình | ${lr(pg.one.read)} |
| danh sách, một tiến trình | ${lr(pg.one.list)} |
| hộp việc, một tiến trình | ${lr(pg.one.inbox)} |
| đọc hồ sơ, hai tiến trình (tổng) | ${pg.two.read} req/s (${ratio(pg.two.read, bare)}) |
| danh sách, hai tiến trình (tổng) | ${pg.two.list} req/s (${ratio(pg.two.list, bare)}) |

PostgreSQL's plans (\`EXPLAIN (COSTS OFF)\`):

| query | plan |
|---|---|
${pg.plans.map((p) => `| ${p.name} | \`${p.plan}\` |`).join('\n')}
`;
}
