import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/demo/load-demo-data';
import { ROOT, load, login, ratio, rssMb, startServer, type LoadResult, type Server } from './lib';

/*
 * `npm run bench:hardening`: what the hardening costs, measured in one run against baselines of the same
 * run. (1) Memory: the server started as `npm start` starts it (heap capped by MAX_HEAP_MB), its RSS
 * under 16 parallel 19 MB uploads mixed with dossier reads, against its own idle RSS. (2) Durability:
 * write transactions per second with SQLITE_SYNCHRONOUS=FULL (the default) against NORMAL. Writes its
 * section into bench/README.md (between the hardening markers; `npm run bench` keeps it).
 */

const HEAP_MB = 384;
const UPLOAD_MB = 19;
const PARALLEL_UPLOADS = 16;
const LOAD_SECONDS = 30;

async function demoServer(sync: 'FULL' | 'NORMAL'): Promise<{ server: Server; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-bench-hard-'));
  const server = await startServer(
    'src/server.ts',
    {
      DATA_DIR: dir,
      DATABASE_URL: '',
      DEMO_DATA: '1',
      MAX_UPLOAD_MB: '20',
      SQLITE_SYNCHRONOUS: sync,
      NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
    },
    '/healthz',
  );
  return { server, dir };
}

/** A dossier of Thượng Nông in self-assessment, and the unit officer's cookie. */
async function openDossier(url: string): Promise<{ id: string; cookie: string }> {
  const cookie = await login(url, 'thuongnong', DEMO_PASSWORD);
  const headers = { cookie, 'content-type': 'application/json' };
  const me = (await (await fetch(`${url}/api/session`, { headers })).json()) as { user: { unitId: string } };
  const year = Number(new Date().toISOString().slice(0, 4));
  const res = await fetch(`${url}/api/dossiers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ unitId: me.user.unitId, year }),
  });
  const { id } = (await res.json()) as { id: string };
  await fetch(`${url}/api/dossiers/${id}/events`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ type: 'START', version: 1 }),
  });
  return { id, cookie };
}

interface MemoryResult {
  idleMb: number;
  peakMb: number;
  endMb: number;
  uploads: number;
  uploadFailures: number;
  reads: LoadResult;
}

async function benchMemory(): Promise<MemoryResult> {
  const { server, dir } = await demoServer('FULL');
  try {
    const { id, cookie } = await openDossier(server.url);
    const pid = server.proc.pid;
    await new Promise((r) => setTimeout(r, 2000));
    const idleMb = rssMb(pid);
    let peakMb = idleMb;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, rssMb(pid));
    }, 100);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(UPLOAD_MB * 1024 * 1024, 0x20)]);
    const deadline = Date.now() + LOAD_SECONDS * 1000;
    let uploads = 0;
    let uploadFailures = 0;
    const uploader = async (): Promise<void> => {
      while (Date.now() < deadline) {
        const form = new FormData();
        form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'lon.pdf');
        const res = await fetch(`${server.url}/api/dossiers/${id}/attachments`, {
          method: 'POST',
          headers: { cookie },
          body: form,
        });
        await res.arrayBuffer();
        if (res.status === 201) uploads += 1;
        else uploadFailures += 1;
      }
    };
    const readLoad = load(`${server.url}/api/dossiers/${id}`, {
      headers: { cookie },
      duration: LOAD_SECONDS,
      pid,
    });
    const [reads] = await Promise.all([readLoad, ...Array.from({ length: PARALLEL_UPLOADS }, uploader)]);
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 3000));
    return { idleMb, peakMb, endMb: rssMb(pid), uploads, uploadFailures, reads };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Saves of the self-assessment (one write transaction each) for 8 s. */
async function benchWrites(sync: 'FULL' | 'NORMAL'): Promise<LoadResult> {
  const { server, dir } = await demoServer(sync);
  try {
    const { id, cookie } = await openDossier(server.url);
    const scores = JSON.stringify({ scores: [{ criterionCode: 'XA-01', points: 1 }] });
    return await load(`${server.url}/api/dossiers/${id}/self-assessment`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: scores,
      duration: 8,
      pid: server.proc.pid,
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const START = '<!-- hardening:start -->';
const END = '<!-- hardening:end -->';

function section(memory: MemoryResult, full: LoadResult, normal: LoadResult): string {
  const lr = (r: LoadResult) =>
    `${r.requestsPerSec} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, lỗi ${r.errors}, không 2xx ${r.non2xx}`;
  return `${START}
## Memory and durability (\`npm run bench:hardening\`, ${new Date().toISOString()})

The server runs as \`npm start\` runs it (heap capped at ${HEAP_MB} MB by MAX_HEAP_MB); evidence streams to
disk. For ${LOAD_SECONDS} s, ${PARALLEL_UPLOADS} clients upload ${UPLOAD_MB} MB files without pause while autocannon
reads the dossier with 10 connections.

| measure | value | ratio to baseline |
|---|---|---|
| RSS idle (baseline) | ${memory.idleMb} MB | 1.00 |
| RSS peak under load | ${memory.peakMb} MB | ${ratio(memory.peakMb, memory.idleMb)} |
| RSS 3 s after the load | ${memory.endMb} MB | ${ratio(memory.endMb, memory.idleMb)} |
| uploads accepted / refused | ${memory.uploads} / ${memory.uploadFailures} | — |
| dossier reads during the uploads | ${lr(memory.reads)} | — |
| write transactions, SQLITE_SYNCHRONOUS=NORMAL (baseline) | ${lr(normal)} | 1.00 |
| write transactions, SQLITE_SYNCHRONOUS=FULL (default) | ${lr(full)} | ${ratio(full.requestsPerSec, normal.requestsPerSec)} |

FULL syncs the write-ahead log at every commit, so an acknowledged change survives a power loss (as
PostgreSQL's default promises); the last row is what that costs a write on this machine's disk.
${END}`;
}

/** Puts the section into bench/README.md, replacing an earlier one. */
export function writeHardeningSection(text: string): void {
  const file = path.join(ROOT, 'bench/README.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + text + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${text}\n`;
  fs.writeFileSync(file, next);
}

/** The section already in bench/README.md, so that `npm run bench` keeps it when it rewrites the file. */
export function currentHardeningSection(): string {
  const file = path.join(ROOT, 'bench/README.md');
  if (!fs.existsSync(file)) return '';
  const current = fs.readFileSync(file, 'utf8');
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  return start >= 0 && end > start ? current.slice(start, end + END.length) : '';
}

async function main(): Promise<void> {
  console.log('Đo bộ nhớ khi tải lên song song…');
  const memory = await benchMemory();
  console.log('Đo ghi với SQLITE_SYNCHRONOUS=NORMAL và FULL…');
  const normal = await benchWrites('NORMAL');
  const full = await benchWrites('FULL');
  writeHardeningSection(section(memory, full, normal));
  console.log(section(memory, full, normal));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
