import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Starts the server exactly as `npm start` does and returns the heap limit it reports. */
async function heapLimitOfNpmStart(env: Record<string, string>): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-start-'));
  const port = String(22_000 + Math.floor(Math.random() * 9_000));
  const proc = spawn('npm', ['start', '--silent'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, PORT: port, DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  try {
    for (let i = 0; i < 300 && !/giới hạn heap (\d+) MB/.test(out); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const match = /giới hạn heap (\d+) MB/.exec(out);
    if (!match) throw new Error(`no heap line: ${out}`);
    return Number(match[1]);
  } finally {
    if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(process.env.TEST_DATABASE === 'postgres')('npm start', () => {
  it('caps the heap (384 MB by default, MAX_HEAP_MB to change it)', { timeout: 60_000 }, async () => {
    const byDefault = await heapLimitOfNpmStart({});
    expect(byDefault).toBeGreaterThanOrEqual(384);
    expect(byDefault).toBeLessThan(512);
    const smaller = await heapLimitOfNpmStart({ MAX_HEAP_MB: '256' });
    expect(smaller).toBeGreaterThanOrEqual(256);
    expect(smaller).toBeLessThan(384);
  });
});
