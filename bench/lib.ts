import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export const ROOT = path.resolve(__dirname, '..');

export interface Server {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a Node program (TypeScript through tsx) as its own process and waits until `probe` answers. */
export async function startServer(
  script: string,
  env: Record<string, string>,
  probe: string,
): Promise<Server> {
  const port = String(40_000 + Math.floor(Math.random() * 20_000));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  proc.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`${script} exited: ${log.join('')}`);
    if (
      await fetch(`${url}${probe}`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return {
        url,
        proc,
        stop: () =>
          new Promise((resolve) => {
            proc.once('exit', () => resolve());
            proc.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${script} did not start: ${log.join('')}`);
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  peakRssMb: number;
  /** The server's CPU time (user + system, all its threads) per request answered, in µs. */
  cpuUsPerRequest: number;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

/** CPU time used so far by a process, all threads, in µs (Linux /proc). */
export function cpuMicros(pid: number | undefined): number {
  if (!pid) return 0;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
}

/** Runs autocannon against `url`, sampling the server's RSS while it runs. */
export async function load(
  url: string,
  opts: Partial<autocannon.Options> & { pid?: number },
): Promise<LoadResult> {
  let peak = rssMb(opts.pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(opts.pid));
  }, 100);
  const { pid: _pid, ...rest } = opts;
  // A fixed number of requests (`amount`) replaces the duration.
  const timing = rest.amount ? {} : { duration: rest.duration ?? 8 };
  const { duration: _d, ...others } = rest;
  const cpuBefore = cpuMicros(opts.pid);
  const result = await autocannon({ url, connections: 10, ...timing, ...others });
  const cpu = cpuMicros(opts.pid) - cpuBefore;
  clearInterval(timer);
  return {
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    peakRssMb: peak,
    cpuUsPerRequest: result.requests.total ? Math.round(cpu / result.requests.total) : 0,
  };
}

/** Logs in on a running server and returns the session cookie. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

/** Mean time of `fn` over `n` runs after a warm-up, in ms. */
export async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(3, n); i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

/** `a / b` with two decimals, as every ratio in bench/README.md is written. */
export const ratio = (a: number, b: number): string => (b ? (a / b).toFixed(2) : '—');
