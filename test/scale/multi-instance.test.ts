import { spawn, type ChildProcess } from 'node:child_process';
import { decisionStep, draftDecision } from '../helpers/decisions';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource, In } from 'typeorm';
import { AuditEvent, Decision } from '../../entities';
import { verifyAuditChains } from '../../src/audit/audit.service';
import { dataSourceOptions } from '../../src/db/data-source';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { DossierFlow, type FlowActors, type FlowHost } from '../helpers/dossier-flow';
import { createTestDatabaseUrl } from '../helpers/test-database';

/**
 * Two real server processes on one PostgreSQL database: nothing that matters may live in one process.
 * Runs with the PostgreSQL suite (TEST_DATABASE=postgres); SQLite is one process per file by design.
 */
const onPostgres = process.env.TEST_DATABASE === 'postgres';

interface Instance {
  url: string;
  proc: ChildProcess;
  log: string[];
}

let dataDir = '';
let dbUrl = '';
let dropDb: () => Promise<void> = async () => undefined;
let ds: DataSource;
const instances: Instance[] = [];

function port(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}

async function startInstance(): Promise<Instance> {
  const p = port();
  const log: string[] = [];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, PORT: String(p), DATABASE_URL: dbUrl, DATA_DIR: dataDir, DEMO_DATA: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${p}`;
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`instance exited: ${log.join('')}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, proc, log };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance did not start: ${log.join('')}`);
}

/** A flow host whose users log in on a given instance. */
function host(pick: (username: string) => Instance): FlowHost {
  const agents = new Map<string, request.Agent>();
  return {
    now: () => new Date(),
    async as(username: string) {
      const cached = agents.get(username);
      if (cached) return cached;
      const agent = request.agent(pick(username).url);
      await agent.post('/api/session').send({ username, password: DEMO_PASSWORD }).expect(200);
      agents.set(username, agent);
      return agent;
    },
  };
}

beforeAll(async () => {
  if (!onPostgres) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-multi-'));
  ({ url: dbUrl, drop: dropDb } = await createTestDatabaseUrl(dataDir));
  // Both start at once on the empty database: one migrates and loads the demo data, the other waits.
  instances.push(...(await Promise.all([startInstance(), startInstance()])));
  ds = new DataSource(dataSourceOptions(dbUrl, dataDir));
  await ds.initialize();
}, 120_000);

afterAll(async () => {
  for (const i of instances) i.proc.kill('SIGKILL');
  if (ds?.isInitialized) await ds.destroy();
  await dropDb();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres)('two server instances on one PostgreSQL database', () => {
  it('start together on an empty database and seed it once', async () => {
    const seeded = instances.filter((i) => i.log.join('').includes('Đã nạp dữ liệu mẫu'));
    expect(seeded).toHaveLength(1);
    const provinces = await ds.query('SELECT COUNT(*)::int AS n FROM "provinces"');
    expect(provinces[0].n).toBe(1);
  });

  it('accept a session made on either instance', async () => {
    const [a, b] = instances;
    const login = await request(a.url)
      .post('/api/session')
      .send({ username: 'bcd138', password: DEMO_PASSWORD })
      .expect(200);
    const cookie = login.headers['set-cookie'];
    const me = await request(b.url).get('/api/session').set('Cookie', cookie).expect(200);
    expect(me.body.user.username).toBe('bcd138');
    await request(b.url).delete('/api/session').set('Cookie', cookie).expect(204);
    await request(a.url).get('/api/session').set('Cookie', cookie).expect(401);
  });

  it('count failed logins across instances (the throttle lives in the database)', async () => {
    const [a, b] = instances;
    const statuses: number[] = [];
    for (let k = 0; k < 6; k++) {
      const res = await request(k % 2 ? b.url : a.url)
        .post('/api/session')
        .send({ username: 'lambinh', password: 'sai-mat-khau' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('let exactly one of racing transitions through, across instances', async () => {
    const [a, b] = instances;
    const flow = await new DossierFlow(
      host(() => a),
      { unit: 'dongtho', district: 'sonduong' },
    ).advanceTo('district_review');
    await flow.review('district');
    const { version } = await flow.get('district');
    const agents = await Promise.all(
      [a, b].map(async (i) => {
        const agent = request.agent(i.url);
        await agent.post('/api/session').send({ username: 'sonduong', password: DEMO_PASSWORD }).expect(200);
        return agent;
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        agents[k % 2].post(`/api/dossiers/${flow.id}/events`).send({ type: 'FORWARD', version }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await ds.getRepository(AuditEvent).countBy({ dossierId: flow.id, type: 'FORWARD' })).toBe(1);
  });

  it('number decisions issued concurrently on both instances without repeats or gaps', async () => {
    const [a, b] = instances;
    const units: FlowActors[] = [
      { unit: 'linhphu', district: 'chiemhoa' },
      { unit: 'triphu', district: 'chiemhoa' },
      { unit: 'trungminh', district: 'yenson' },
      { unit: 'hungloi', district: 'yenson' },
      { unit: 'minhhuong', district: 'hamyen' },
      { unit: 'yenlam', district: 'hamyen' },
    ];
    const flows = await Promise.all(
      units.map((u) =>
        new DossierFlow(
          host(() => a),
          u,
        ).advanceTo('awaiting_decision'),
      ),
    );
    // Drafted, submitted and signed through one instance; issued by the văn thư on both at once.
    const viaA = host(() => a);
    const drafts = [];
    for (const f of flows) {
      const draft = await draftDecision(viaA, { kind: 'recognition', dossierIds: [f.id] });
      await decisionStep(viaA, 'noivu', draft.id, 'SUBMIT');
      drafts.push(await decisionStep(viaA, 'chutich', draft.id, 'SIGN'));
    }
    const clerks = await Promise.all(
      [a, b].map(async (i) => {
        const agent = request.agent(i.url);
        await agent.post('/api/session').send({ username: 'vanthu', password: DEMO_PASSWORD }).expect(200);
        return agent;
      }),
    );
    const issued = await Promise.all(
      drafts.map((d, k) =>
        clerks[k % 2].post(`/api/decisions/${d.id}/events`).send({ type: 'ISSUE', version: d.version }),
      ),
    );
    expect(issued.map((r) => r.status)).toEqual(Array(6).fill(200));
    // This year's register (the demo's past years hold decisions of their own years' registers).
    const mine = await ds.getRepository(Decision).findBy({ id: In(drafts.map((d) => d.id)) });
    const numbers = mine.map((d) => d.number ?? 0).sort((x, y) => x - y);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('lose no committed work when an instance is killed', async () => {
    const [a, b] = instances;
    const flow = await new DossierFlow(
      host(() => a),
      { unit: 'yenphu', district: 'hamyen' },
    ).open();
    const started = await flow.sendOk('unit', 'START', 'self_assessment');
    a.proc.kill('SIGKILL');
    await new Promise((r) => a.proc.once('exit', r));
    const onB = new DossierFlow(
      host(() => b),
      { unit: 'yenphu', district: 'hamyen' },
    );
    onB.id = flow.id;
    onB.items = flow.items;
    const seen = await onB.get();
    expect(seen).toMatchObject({ state: 'self_assessment', version: started.version });
    // Every dossier's history is whole: no half-applied transition, no broken hash chain.
    const { problems } = await verifyAuditChains(ds);
    expect(problems).toEqual([]);
    await onB.advanceTo('district_review');
  });
});
