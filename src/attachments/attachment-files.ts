import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IsNull, Not, type DataSource } from 'typeorm';
import { Attachment, AwardProposal, Decision, Meeting, MeetingBallot } from '../../entities';
import type { AppContext } from '../app-context';
import { acceptedMimeType, cleanFileName } from './file-types';

/*
 * Evidence files on disk. An upload streams to `tmp/` (never held in memory), is renamed to
 * `tmp/<attachment id>.part` once it has an id, and becomes `<year>/<id>` only after the transaction that
 * records it has committed. A crash at any point leaves either nothing a row names, or a `.part` whose row
 * exists (finished by the sweep): the sweep removes every file no row names, never one that a row names.
 */

/** Where evidence files live: under the data directory, by storage key. */
export const attachmentsDir = (ctx: Pick<AppContext, 'config'>): string =>
  path.join(ctx.config.dataDir, 'attachments');

/** Where uploads land while they arrive and until their row is committed. */
export const uploadTmpDir = (ctx: Pick<AppContext, 'config'>): string =>
  path.join(attachmentsDir(ctx), 'tmp');

/** A fresh name for an arriving upload (multer's disk storage writes it). */
export const arrivingName = (): string => `${randomUUID()}.upload`;

const partPath = (ctx: Pick<AppContext, 'config'>, id: string): string =>
  path.join(uploadTmpDir(ctx), `${id}.part`);

/** The head and tail of a file: enough to recognize its type (a ZIP's directory is at its end). */
export async function sniffBytes(file: string, size: number, each = 256 * 1024): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    if (size <= 2 * each) {
      const all = Buffer.alloc(size);
      await handle.read(all, 0, size, 0);
      return all;
    }
    const head = Buffer.alloc(each);
    const tail = Buffer.alloc(each);
    await handle.read(head, 0, each, 0);
    await handle.read(tail, 0, each, size - each);
    return Buffer.concat([head, tail]);
  } finally {
    await handle.close();
  }
}

/** The file's SHA-256, read as a stream. */
export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Gives an arrived upload its attachment id (still in `tmp/`, not yet named by any committed row). */
export async function claimUpload(ctx: Pick<AppContext, 'config'>, arrived: string, id: string) {
  const part = partPath(ctx, id);
  await fs.promises.rename(arrived, part);
  return part;
}

/** Makes a committed attachment's file final: `tmp/<id>.part` → `<storageKey>`. */
export async function finalizeUpload(
  ctx: Pick<AppContext, 'config'>,
  id: string,
  storageKey: string,
): Promise<void> {
  const target = path.join(attachmentsDir(ctx), storageKey);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(partPath(ctx, id), target);
}

/** Removes a file that no row will name (a refused or failed upload). */
export async function discardUpload(file: string | undefined): Promise<void> {
  if (file) await fs.promises.rm(file, { force: true });
}

async function filesUnder(dir: string): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]),
    ),
  );
  return nested.flat();
}

/** Every file a row names: evidence by attachment id, and the decisions' paper-signed scans. */
async function namedKeys(ds: DataSource): Promise<Map<string, string>> {
  const rows = await ds.getRepository(Attachment).find({ select: { id: true, storageKey: true } });
  const scans = await ds
    .getRepository(Decision)
    .find({ select: { id: true, scanStorageKey: true }, where: { scanStorageKey: Not(IsNull()) } });
  // Files kept beside the evidence: award reports, meeting minutes, scanned written votes.
  const reports = await ds
    .getRepository(AwardProposal)
    .find({ select: { dossierId: true, reportKey: true } });
  const minutes = await ds
    .getRepository(Meeting)
    .find({ select: { id: true, minutesKey: true }, where: { minutesKey: Not(IsNull()) } });
  const ballots = await ds
    .getRepository(MeetingBallot)
    .find({ select: { id: true, scanKey: true }, where: { scanKey: Not(IsNull()) } });
  return new Map([
    ...rows.map((r) => [r.storageKey, r.id] as const),
    ...scans.map((d) => [d.scanStorageKey ?? '', `decision:${d.id}`] as const),
    ...reports.map((r) => [r.reportKey, `award:${r.dossierId}`] as const),
    ...minutes.map((m) => [m.minutesKey ?? '', `minutes:${m.id}`] as const),
    ...ballots.map((b) => [b.scanKey ?? '', `ballot:${b.id}`] as const),
  ]);
}

/** A file untouched this long is not being written by any instance (for the sweeps while serving). */
export const QUIET_MS = 10 * 60 * 1000;

export interface SweepResult {
  removed: number;
  finished: number;
}

/**
 * Removes evidence files that no attachment row names and finishes uploads whose row was committed
 * before a crash. Only files untouched for `quietMs` are considered (an upload still arriving keeps
 * writing its file); at start-up of a single-process SQLite server nothing else can be writing.
 */
export async function sweepOrphanFiles(
  ctx: Pick<AppContext, 'config' | 'ds'>,
  quietMs: number,
  now = Date.now(),
): Promise<SweepResult> {
  const root = attachmentsDir(ctx);
  const keys = await namedKeys(ctx.ds);
  const ids = new Set(keys.values());
  const result: SweepResult = { removed: 0, finished: 0 };
  for (const file of await filesUnder(root)) {
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat || now - stat.mtimeMs < quietMs) continue;
    const key = path.relative(root, file).split(path.sep).join('/');
    if (keys.has(key)) continue;
    const part = /^tmp\/([0-9a-f-]{36})\.part$/.exec(key);
    const id = part?.[1];
    if (id && ids.has(id)) {
      const storageKey = [...keys].find(([, rowId]) => rowId === id)?.[0];
      if (storageKey && !fs.existsSync(path.join(root, storageKey))) {
        await finalizeUpload(ctx, id, storageKey);
        result.finished += 1;
        continue;
      }
    }
    await fs.promises.rm(file, { force: true });
    result.removed += 1;
  }
  return result;
}

/** An upload's cleaned name and its type as its content says (undefined when not a type we accept). */
export async function sniffUpload(upload: { originalName: string; path: string; size: number }) {
  const fileName = cleanFileName(upload.originalName);
  return { fileName, mimeType: acceptedMimeType(await sniffBytes(upload.path, upload.size), fileName) };
}

/** Copies an upload under `key` in the evidence directory (the caller removes it if its row never commits). */
export async function copyUploadTo(ctx: Pick<AppContext, 'config'>, uploadPath: string, key: string) {
  const target = path.join(attachmentsDir(ctx), key);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.copyFile(uploadPath, target);
  return { target, sha256: await sha256Of(uploadPath) };
}
