// npm run bench — speed and memory of Điển hình as ratios to baselines measured in the same run.
// Writes bench/README.md. Not part of `npm test`. Needs a few minutes and ~1 GB of disk for the 200k data set.
import { currentHardeningSection } from './hardening';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/demo/load-demo-data';
import { load, login, ratio, ROOT, startServer, type LoadResult, type Server } from './lib';
import { benchPdfs } from './pdf';
import { benchReads, listBodyOf, type ReadBench } from './reads';
import { queryPlans } from './query-plans';
import { costSection, sqliteRoundTripUs } from './costs';
import { WHY } from './why';
import { benchPostgres, postgresAdminUrl, postgresSection, type PostgresBench } from './postgres';

const DATA = path.join(ROOT, 'bench/.data');
const SMALL = Number(process.env.BENCH_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 200_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const PG_DOSSIERS = Number(process.env.BENCH_PG_DOSSIERS ?? 20_000);

/** Bumped when demo:scale changes what it generates (v2: scores of every stage reached, and evidence). */
const DATA_VERSION = 'v2';

/** A national data set of `dossiers` made by `demo:scale`, generated once and kept in bench/.data. */
function ensureDataSet(dossiers: number): string {
  const dir = path.join(DATA, `scale-${dossiers}-${DATA_VERSION}`);
  if (fs.existsSync(path.join(dir, 'ready'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  console.log(`Tạo dữ liệu ${dossiers} hồ sơ…`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/index.ts', 'demo:scale', '--dossiers', String(dossiers)],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, DEMO_DATA: '0', DATABASE_URL: '' },
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('demo:scale failed');
  fs.writeFileSync(path.join(dir, 'ready'), new Date().toISOString());
  return dir;
}

const app = (dir: string) =>
  startServer('src/server.ts', { DATA_DIR: dir, DEMO_DATA: '0', DATABASE_URL: '', HOLIDAYS: '' }, '/healthz');

interface Floors {
  /** The application's middleware with no session: every request answers 401. */
  anonymous: LoadResult;
  /** The smallest signed-in request: the session with its user, and the user's province. */
  session: LoadResult;
}

/** What any request of the application costs before it does its own work: the floor under reads. */
async function benchFloors(server: Server): Promise<Floors> {
  const cookie = await login(server.url, 'hni.tinh', DEMO_PASSWORD);
  const pid = server.proc.pid;
  return {
    anonymous: await load(`${server.url}/api/session`, { duration: DURATION, pid }),
    session: await load(`${server.url}/api/session`, { headers: { cookie }, duration: DURATION, pid }),
  };
}

/** RETURN on every dossier under provincial appraisal, across the 34 provinces' appraisers. */
async function benchTransitions(server: Server): Promise<LoadResult> {
  const tasks: { id: string; version: number; cookie: string }[] = [];
  const codes =
    fs
      .readFileSync(path.join(ROOT, 'src/demo/scale/provinces.ts'), 'utf8')
      .match(/\['([A-Z]+)', '/g)
      ?.map((m) => m.slice(2, -4).toLowerCase()) ?? [];
  for (const code of codes) {
    const cookie = await login(server.url, `${code}.tinh`, DEMO_PASSWORD);
    for (let page = 1; ; page++) {
      const res = await fetch(
        `${server.url}/api/dossiers?state=provincial_appraisal&pageSize=100&page=${page}`,
        { headers: { cookie } },
      );
      const body = (await res.json()) as { items: { id: string; version: number }[] };
      tasks.push(...body.items.map((d) => ({ id: d.id, version: d.version, cookie })));
      if (body.items.length < 100) break;
    }
  }
  let next = 0;
  return load(server.url, {
    amount: tasks.length,
    pid: server.proc.pid,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const t = tasks[next++ % tasks.length];
          return {
            ...req,
            path: `/api/dossiers/${t.id}/events`,
            headers: { cookie: t.cookie, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'RETURN', reason: 'Bổ sung biên bản', version: t.version }),
          };
        },
      },
    ],
  });
}

const mark = (ok: boolean): string => (ok ? 'đạt' : '**chưa đạt**');

async function main(): Promise<void> {
  const small = ensureDataSet(SMALL);
  const large = ensureDataSet(LARGE);

  console.log('Đo trên dữ liệu nhỏ…');
  let server = await app(small);
  const readsSmall = await benchReads(server);
  await server.stop();

  console.log('Đo trên dữ liệu lớn…');
  server = await app(large);
  // The baseline serves the application's own list page, and runs right before and right after the reads
  // it is compared with: this shared machine's speed drifts within a run, so the ratios use the mean.
  const bodyFile = path.join(DATA, 'list-body.json');
  fs.writeFileSync(bodyFile, await listBodyOf(server));
  const base = await startServer('bench/baseline-server.ts', { BODY_FILE: bodyFile }, '/json');
  const baseRun = () => load(`${base.url}/json`, { duration: DURATION, pid: base.proc.pid });
  const baseBefore = await baseRun();
  const readsLarge = await benchReads(server);
  const floors = await benchFloors(server);
  const baseAfter = await baseRun();
  await server.stop();
  const roundTripUs = await sqliteRoundTripUs(path.join(large, 'dienhinh.sqlite'));

  console.log('Đo chuyển trạng thái (trên bản sao dữ liệu nhỏ)…');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-bench-'));
  fs.cpSync(small, copy, { recursive: true }); // the database and its evidence files
  server = await app(copy);
  const transitions = await benchTransitions(server);
  await server.stop();
  fs.rmSync(copy, { recursive: true, force: true });

  console.log('Đo mốc so sánh: Express trần…');
  const basePost = await load(`${base.url}/json`, {
    duration: DURATION,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'RETURN', reason: 'Bổ sung biên bản', version: 3 }),
    pid: base.proc.pid,
  });
  await base.stop();

  console.log('Đo PDF…');
  const pdf = await benchPdfs();
  const plans = await queryPlans(large);
  const admin = postgresAdminUrl();
  const postgres = admin ? await benchPostgres(admin, PG_DOSSIERS, DURATION) : null;
  const baseGet = [baseBefore, baseAfter];
  const results = { readsSmall, readsLarge, floors, transitions, baseGet, basePost, pdf, plans };
  writeReport({ ...results, postgres, roundTripUs });
}

interface Results {
  readsSmall: ReadBench;
  readsLarge: ReadBench;
  floors: Floors;
  transitions: LoadResult;
  /** Bare Express GET, right before and right after the reads on the large set. */
  baseGet: LoadResult[];
  basePost: LoadResult;
  pdf: Awaited<ReturnType<typeof benchPdfs>>;
  plans: { name: string; plan: string }[];
  postgres: PostgresBench | null;
  roundTripUs: number;
}

function writeReport(r: Results): void {
  const mean = (f: (x: LoadResult) => number) =>
    r.baseGet.reduce((sum, x) => sum + f(x), 0) / r.baseGet.length;
  const b = mean((x) => x.requestsPerSec);
  const costs = costSection({
    bare: mean((x) => x.cpuUsPerRequest),
    anonymous: r.floors.anonymous,
    session: r.floors.session,
    read: r.readsLarge.read,
    list: r.readsLarge.list,
    roundTripUs: r.roundTripUs,
  });
  const rows: [string, string, string, string][] = [
    [
      'đọc hồ sơ (GET /api/dossiers/:id), 200k',
      ratio(r.readsLarge.read.requestsPerSec, b),
      '≥ 0.50',
      mark(r.readsLarge.read.requestsPerSec / b >= 0.5),
    ],
    [
      'danh sách (GET /api/dossiers), 200k',
      ratio(r.readsLarge.list.requestsPerSec, b),
      '≥ 0.50',
      mark(r.readsLarge.list.requestsPerSec / b >= 0.5),
    ],
    [
      'hộp việc (state=provincial_appraisal), 200k',
      ratio(r.readsLarge.inbox.requestsPerSec, b),
      '≥ 0.50',
      mark(r.readsLarge.inbox.requestsPerSec / b >= 0.5),
    ],
    [
      'sàn: middleware của ứng dụng, chưa đăng nhập (401)',
      ratio(r.floors.anonymous.requestsPerSec, b),
      '—',
      'đo',
    ],
    [
      'sàn: yêu cầu nhỏ nhất đã đăng nhập (GET /api/session)',
      ratio(r.floors.session.requestsPerSec, b),
      '—',
      'đo',
    ],
    [
      'chuyển trạng thái (RETURN) / POST Express trần',
      ratio(r.transitions.requestsPerSec, r.basePost.requestsPerSec),
      '—',
      'đo',
    ],
    [
      'Giấy chứng nhận / trang pdfkit trần (nghịch đảo thời gian)',
      ratio(r.pdf.barePageMs, r.pdf.certificateMs),
      '≥ 0.50',
      mark(r.pdf.barePageMs / r.pdf.certificateMs >= 0.5),
    ],
    [
      'Giấy chứng nhận đã ký số / chưa ký (thời gian)',
      ratio(r.pdf.signedCertificateMs, r.pdf.certificateMs),
      '—',
      'đo',
    ],
    [
      'văn thư ký số quyết định 1.000 đơn vị / dựng quyết định đó (thời gian)',
      ratio(r.pdf.seal1000Ms, r.pdf.decision1000Ms),
      '—',
      'đo',
    ],
    [
      'độ trễ p50 danh sách 200k / 10k',
      ratio(r.readsLarge.list.p50 || 1, r.readsSmall.list.p50 || 1),
      '≤ 1.50',
      mark((r.readsLarge.list.p50 || 1) / (r.readsSmall.list.p50 || 1) <= 1.5),
    ],
  ];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, SQLite (sqlite3)`;
  const lr = (x: LoadResult) =>
    `${x.requestsPerSec} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, lỗi ${x.errors + x.non2xx}, RSS đỉnh ${x.peakRssMb} MB`;
  const md = `# Benchmarks

\`npm run bench\` (not part of \`npm test\`). Every number is measured in the same run on the same machine,
and speed is reported as a **ratio to a baseline** measured alongside: bare Express serving a JSON object
(the same list body the application returns), and bare pdfkit writing one page in the same embedded font.
Data sets come from \`npm run cli -- demo:scale --dossiers N\` (34 provinces, ~112,000 units, dossiers in
every state with hash-chained histories, the scores of every stage reached and their evidence), kept in
\`bench/.data/\`. The application runs as its own
process on SQLite, as \`npm start\` does; autocannon drives it with 10 connections for ${DURATION} s.

Machine: ${machine}. Run: ${new Date().toISOString()}.

## Ratios against the targets of the issue

| measure | ratio | target | |
|---|---|---|---|
${rows.map((x) => `| ${x.join(' | ')} |`).join('\n')}

## Raw numbers

| run | result |
|---|---|
| Express trần GET /json, trước / sau các phép đo đọc (tỷ lệ dùng trung bình) | ${r.baseGet.map(lr).join(' / ')} |
| Express trần POST /json | ${lr(r.basePost)} |
| danh sách, ${SMALL} hồ sơ | ${lr(r.readsSmall.list)} |
| danh sách, ${LARGE} hồ sơ | ${lr(r.readsLarge.list)} |
| hộp việc, ${SMALL} hồ sơ | ${lr(r.readsSmall.inbox)} |
| hộp việc, ${LARGE} hồ sơ | ${lr(r.readsLarge.inbox)} |
| đọc hồ sơ, ${SMALL} hồ sơ | ${lr(r.readsSmall.read)} |
| đọc hồ sơ, ${LARGE} hồ sơ | ${lr(r.readsLarge.read)} |
| sàn: chưa đăng nhập, mọi yêu cầu trả 401 | ${r.floors.anonymous.requestsPerSec} req/s, p50 ${r.floors.anonymous.p50} ms, p99 ${r.floors.anonymous.p99} ms, 401: ${r.floors.anonymous.non2xx} |
| sàn: GET /api/session đã đăng nhập | ${lr(r.floors.session)} |
| chuyển trạng thái RETURN (${r.transitions.requestsPerSec ? 'mỗi hồ sơ một lần' : ''}) | ${lr(r.transitions)} |
| báo cáo tiến độ một tỉnh, ${SMALL} / ${LARGE} | ${r.readsSmall.reportMs.toFixed(1)} ms / ${r.readsLarge.reportMs.toFixed(1)} ms |
| báo cáo toàn quốc (34 tỉnh, Bộ Công an), ${SMALL} / ${LARGE} | ${r.readsSmall.nationalMs.toFixed(1)} ms / ${r.readsLarge.nationalMs.toFixed(1)} ms (tỷ lệ ${ratio(r.readsLarge.nationalMs, r.readsSmall.nationalMs)}) |
| trang pdfkit trần / Giấy chứng nhận / Quyết định 1.000 đơn vị | ${r.pdf.barePageMs.toFixed(1)} ms / ${r.pdf.certificateMs.toFixed(1)} ms / ${r.pdf.decision1000Ms.toFixed(0)} ms |
| Giấy chứng nhận ký số / văn thư ký số quyết định 1.000 đơn vị | ${r.pdf.signedCertificateMs.toFixed(1)} ms / ${r.pdf.seal1000Ms.toFixed(0)} ms |

## Query plans on the ${LARGE}-dossier data set (SQLite \`EXPLAIN QUERY PLAN\`)

| query | plan |
|---|---|
${r.plans.map((p) => `| ${p.name} | \`${p.plan}\` |`).join('\n')}
${postgresSection(r.postgres, b)}
${costs}
${WHY}`;
  // The hardening section comes from `npm run bench:hardening`: kept as it was measured.
  const hardening = currentHardeningSection();
  fs.writeFileSync(path.join(ROOT, 'bench/README.md'), hardening ? `${md.trimEnd()}\n\n${hardening}\n` : md);
  console.log(md);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
