import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../app-context';

/*
 * Signed documents as issued, on disk beside the evidence (shared by instances): written once, then
 * served byte for byte. A key is recorded in the database only after the file is complete.
 */
const documentsDir = (ctx: Pick<AppContext, 'config'>): string => path.join(ctx.config.dataDir, 'documents');

/** A fresh key under `prefix` (a new name per attempt: a rolled-back attempt never overwrites a kept file). */
export const newDocumentKey = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}.pdf`;

export async function writeDocument(
  ctx: Pick<AppContext, 'config'>,
  key: string,
  bytes: Buffer,
): Promise<void> {
  const target = path.join(documentsDir(ctx), key);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  await fs.promises.writeFile(part, bytes);
  await fs.promises.rename(part, target);
}

export async function readDocument(ctx: Pick<AppContext, 'config'>, key: string): Promise<Buffer> {
  return fs.promises.readFile(path.join(documentsDir(ctx), key));
}

/** Removes a file whose database row was never committed. */
export async function discardDocument(ctx: Pick<AppContext, 'config'>, key: string): Promise<void> {
  await fs.promises.rm(path.join(documentsDir(ctx), key), { force: true });
}
