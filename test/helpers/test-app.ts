import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { AppContext } from '../../src/app-context';
import { buildApp } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config';
import { dataSourceOptions, openDataSource } from '../../src/db/data-source';
import { DEMO_PASSWORD, loadDemoData } from '../../src/demo/load-demo-data';
import { loadDemoHistory } from '../../src/demo/history/demo-history';
import { createTestDatabaseUrl } from './test-database';

export interface TestApp {
  app: Express;
  ctx: AppContext;
  ds: DataSource;
  /** Move time: every service reads this clock. */
  setNow(at: Date): void;
  now(): Date;
  /** A logged-in supertest agent per demo username (cached). */
  as(username: string): Promise<request.Agent>;
  /** Forgets the cached agents: after moving the clock past the sessions' lifetime, log in again. */
  forgetSessions(): void;
  close(): Promise<void>;
}

/** A fresh database built by the real migrations, the demo data, and the app on top. */
export async function createTestApp(
  options: { now?: Date; config?: Partial<AppConfig>; demo?: boolean; history?: boolean } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-test-'));
  const { url, drop } = await createTestDatabaseUrl(dataDir);
  const config: AppConfig = { ...loadConfig({}), dataDir, databaseUrl: url, ...options.config };
  const ds = await openDataSource(dataSourceOptions(config.databaseUrl, dataDir));
  let now = options.now ?? new Date();
  const ctx: AppContext = { ds, config, clock: () => now };
  if (options.demo !== false) await loadDemoData(ds, now, ctx);
  // The demo's past years are lived through the services (slow): only for the tests that read them.
  if (options.history) await loadDemoHistory(ctx);
  const app = await buildApp(ctx);
  const agents = new Map<string, request.Agent>();
  return {
    app,
    ctx,
    ds,
    setNow: (at) => {
      now = at;
    },
    now: () => now,
    async as(username) {
      const cached = agents.get(username);
      if (cached) return cached;
      const agent = request.agent(app);
      await agent.post('/api/session').send({ username, password: DEMO_PASSWORD }).expect(200);
      agents.set(username, agent);
      return agent;
    },
    forgetSessions: () => agents.clear(),
    async close() {
      await ds.destroy();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
