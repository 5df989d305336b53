import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attachment } from '../../entities';
import { attachmentsDir, sweepOrphanFiles, uploadTmpDir } from '../../src/attachments/attachment-files';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let flow: DossierFlow;
beforeAll(async () => {
  t = await createTestApp({ config: { maxUploadBytes: 64 * 1024 } });
  flow = await new DossierFlow(t, COMMUNE).open();
  await flow.sendOk('unit', 'START', 'self_assessment');
});
afterAll(async () => {
  await t.close();
});

/** Every file under the attachments directory, relative to it. */
function filesOnDisk(): string[] {
  const root = attachmentsDir(t.ctx);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}
const tmpFiles = () => filesOnDisk().filter((f) => f.startsWith('tmp/'));

const upload = async (buf: Buffer, name: string, fields: Record<string, string> = {}) => {
  const req = (await t.as('thuongnong')).post(`/api/dossiers/${flow.id}/attachments`);
  for (const [k, v] of Object.entries(fields)) void req.field(k, v);
  return req.attach('file', buf, { filename: name, contentType: 'application/octet-stream' });
};

describe('evidence files on disk', () => {
  it('an upload becomes a final file named by its row; refused ones leave nothing behind', async () => {
    const ok = await upload(PDF_BYTES, 'bien-ban.pdf', { criterionCode: 'XA-01' });
    expect(ok.status).toBe(201);
    const row = await t.ds.getRepository(Attachment).findOneByOrFail({ id: ok.body.id });
    expect(filesOnDisk()).toContain(row.storageKey);
    const refused = [
      await upload(Buffer.concat([PDF_BYTES, Buffer.alloc(70 * 1024)]), 'lon.pdf'),
      await upload(Buffer.from('MZ not a pdf'), 'gia.pdf'),
      await upload(PDF_BYTES, 'a.pdf', { criterionCode: 'KHONG-CO' }),
      await upload(PDF_BYTES, 'a.pdf', { unexpected: 'x' }),
      await upload(PDF_BYTES, 'a.pdf', { version: '1' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([413, 422, 422, 400, 409]);
    expect(tmpFiles()).toEqual([]);
    const rows = await t.ds.getRepository(Attachment).find();
    expect(filesOnDisk().filter((f) => !f.startsWith('tmp/'))).toEqual(rows.map((r) => r.storageKey).sort());
  });

  it('30 uploads at once without a version are all accepted, each counted in the version', async () => {
    const before = (await flow.get()).version;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => upload(PDF_BYTES, `song-song-${i}.pdf`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    expect((await flow.get()).version).toBe(before + 30);
    expect(tmpFiles()).toEqual([]);
  });

  it('the sweep removes files no row names, finishes a committed upload, never touches a named file', async () => {
    const root = attachmentsDir(t.ctx);
    const named = await t.ds.getRepository(Attachment).find();
    // A crash between commit and rename: the row exists, its file is still a .part.
    const pending = named[0];
    fs.mkdirSync(uploadTmpDir(t.ctx), { recursive: true });
    fs.renameSync(path.join(root, pending.storageKey), path.join(uploadTmpDir(t.ctx), `${pending.id}.part`));
    const orphans = [
      'tmp/00000000-0000-4000-8000-000000000000.part',
      'tmp/dang-do.upload',
      '2026/11111111-1111-4111-8111-111111111111',
    ];
    for (const f of orphans) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), 'x');
    }
    const fresh = path.join(root, 'tmp/dang-toi.upload'); // still arriving: too recent to judge
    fs.writeFileSync(fresh, 'x');
    const old = Date.now() / 1000 - 3600;
    for (const f of orphans) fs.utimesSync(path.join(root, f), old, old);
    fs.utimesSync(path.join(uploadTmpDir(t.ctx), `${pending.id}.part`), old, old);

    const result = await sweepOrphanFiles(t.ctx, 10 * 60 * 1000);
    expect(result).toEqual({ removed: 3, finished: 1 });
    const left = filesOnDisk();
    for (const f of orphans) expect(left).not.toContain(f);
    expect(left).toContain('tmp/dang-toi.upload');
    for (const row of named) expect(left).toContain(row.storageKey);
    fs.rmSync(fresh);
  });
});

// A real server killed with SIGKILL in the middle of an upload: at its next start nothing is left over.
describe.skipIf(process.env.TEST_DATABASE === 'postgres')('kill -9 during an upload', () => {
  let dir = '';
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(port: number): Promise<ChildProcess> {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, PORT: String(port), DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: '1' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return proc;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('server did not start');
  }

  it('leaves no evidence file without a row', { timeout: 120_000 }, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-kill-'));
    const port = 21_000 + Math.floor(Math.random() * 9_000);
    server = await start(port);
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'thuongnong', password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const me = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as {
      user: { unitId: string };
    };
    const year = new Date().getFullYear();
    const opened = await fetch(`${base}/api/dossiers`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: me.user.unitId, year }),
    });
    const dossier = (await opened.json()) as { id: string };
    // Half of a 5 MB upload, then the server dies.
    const boundary = 'ranh-gioi';
    const req = http.request(`${base}/api/dossiers/${dossier.id}/attachments`, {
      method: 'POST',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('error', () => undefined);
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    req.write(Buffer.concat([PDF_BYTES, Buffer.alloc(2.5 * 1024 * 1024, 0x20)]));
    const tmp = path.join(dir, 'attachments', 'tmp');
    for (let i = 0; i < 100 && !(fs.existsSync(tmp) && fs.readdirSync(tmp).length); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fs.readdirSync(tmp).length).toBe(1); // the upload was arriving on disk
    server.kill('SIGKILL');
    await new Promise((r) => server?.once('exit', r));
    req.destroy();
    server = await start(port);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
