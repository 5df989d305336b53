// Where a request's time goes: server CPU per request next to the budget the 0.5 target leaves.
import sqlite3 from 'sqlite3';
import type { LoadResult } from './lib';

/**
 * CPU time of one node-sqlite3 round trip (a prepared `SELECT 1`, run alone, one after another) in µs:
 * the part of every statement that is neither SQLite's work nor ours (a hop to a worker thread and back,
 * and the row handed to JavaScript).
 */
export async function sqliteRoundTripUs(file: string, n = 20_000): Promise<number> {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  const statement = db.prepare('SELECT 1 AS one');
  const run = () =>
    new Promise<unknown[]>((resolve, reject) =>
      statement.all([], (err, rows) => (err ? reject(err) : resolve(rows))),
    );
  for (let i = 0; i < 2000; i++) await run();
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(before);
  await new Promise<void>((resolve) => statement.finalize(() => db.close(() => resolve())));
  return (used.user + used.system) / n;
}

export interface CostRows {
  bare: number;
  anonymous: LoadResult;
  session: LoadResult;
  read: LoadResult;
  list: LoadResult;
  roundTripUs: number;
}

/** The cost table of bench/README.md. */
export function costSection(c: CostRows): string {
  const row = (name: string, us: number) => `| ${name} | ${Math.round(us)} | ${(us / c.bare).toFixed(1)}× |`;
  return `## Where a request's time goes (server CPU per request, all threads, from /proc)

| request | CPU µs | × bare Express |
|---|---|---|
${row('Express trần GET /json (mốc)', c.bare)}
${row('ngân sách cho tỷ lệ 0.5 (gấp đôi mốc)', 2 * c.bare)}
${row('ứng dụng, chưa đăng nhập (401)', c.anonymous.cpuUsPerRequest)}
${row('ứng dụng, GET /api/session (phiên + người dùng, tỉnh)', c.session.cpuUsPerRequest)}
${row('đọc hồ sơ, 200k', c.read.cpuUsPerRequest)}
${row('danh sách, 200k', c.list.cpuUsPerRequest)}
${row('một lượt node-sqlite3 (SELECT 1, chạy riêng)', c.roundTripUs)}
`;
}
