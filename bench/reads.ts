import { DEMO_PASSWORD } from '../src/demo/load-demo-data';
import { load, login, timeIt, type LoadResult, type Server } from './lib';

/** How long each load runs (seconds), as bench/run.ts reads it. */
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);

export interface ReadBench {
  list: LoadResult;
  inbox: LoadResult;
  read: LoadResult;
  reportMs: number;
  /** The Ministry's national report: every province side by side. */
  nationalMs: number;
}

/** The first list page, as the application returns it (the body the baseline serves). */
export async function listBodyOf(server: Server): Promise<string> {
  const cookie = await login(server.url, 'hni.tinh', DEMO_PASSWORD);
  return (await fetch(`${server.url}/api/dossiers?page=1&pageSize=20`, { headers: { cookie } })).text();
}

async function nationalMs(server: Server, year: number): Promise<number> {
  const cookie = await login(server.url, 'bocongan', DEMO_PASSWORD);
  const get = async () => {
    const res = await fetch(`${server.url}/api/reports/national?year=${year}`, { headers: { cookie } });
    // A failed request would measure nothing: the bench stops instead.
    if (res.status !== 200) throw new Error(`national report: HTTP ${res.status} ${await res.text()}`);
    return res.text();
  };
  return timeIt(5, get);
}

export async function benchReads(server: Server): Promise<ReadBench> {
  const cookie = await login(server.url, 'hni.tinh', DEMO_PASSWORD);
  const headers = { cookie };
  const listRes = await fetch(`${server.url}/api/dossiers?page=1&pageSize=20`, { headers });
  const first = ((await listRes.json()) as { items: { id: string; year: number }[] }).items[0];
  // The dossier read is the one a provincial appraiser opens from the inbox: scored by its unit (and its
  // district), with its evidence.
  const inboxRes = await fetch(`${server.url}/api/dossiers?state=provincial_appraisal&pageSize=1`, {
    headers,
  });
  const opened = ((await inboxRes.json()) as { items: { id: string }[] }).items[0];
  const pid = server.proc.pid;
  const opts = { headers, duration: DURATION, pid };
  return {
    list: await load(`${server.url}/api/dossiers?page=1&pageSize=20`, opts),
    inbox: await load(`${server.url}/api/dossiers?state=provincial_appraisal&page=1&pageSize=20`, opts),
    read: await load(`${server.url}/api/dossiers/${opened.id}`, opts),
    reportMs: await timeIt(5, () =>
      fetch(`${server.url}/api/reports/progress?year=${first.year}`, { headers }).then((r) => r.text()),
    ),
    nationalMs: await nationalMs(server, first.year),
  };
}
