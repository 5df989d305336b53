import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Decision } from '../../entities';
import type { AppContext } from '../app-context';
import { attachmentsDir, sha256Of, sniffBytes } from '../attachments/attachment-files';
import type { UploadedFile } from '../attachments/attachments.service';
import { acceptedMimeType, cleanFileName } from '../attachments/file-types';
import { may } from '../auth/permissions';
import type { CurrentUser } from '../auth/current-user';
import { inTransaction } from '../db/transactions';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '../http/errors';
import { decisionPdf } from './decision-documents.service';
import { appendDecisionEvent } from './decision-log';
import { getDecisionForUser } from './decision-lookup';
import { decisionHasTag } from './decision-rules';

/** Where a decision's paper-signed scan is kept (under the evidence directory, shared by instances). */
const scanKey = (decisionId: string) => `decisions/${decisionId}-scan`;

/**
 * Records the SHA-256 of the decision's PDF as generated at issue, beside which a scan signed on paper is
 * kept. Runs after the transaction (the PDF is rendered from the committed rows).
 */
export async function recordDocumentHash(ctx: AppContext, user: CurrentUser, decisionId: string) {
  const file = await decisionPdf(ctx, user, decisionId);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  await ctx.ds.getRepository(Decision).update({ id: decisionId }, { documentSha256: sha256 });
}

/**
 * The văn thư attaches the scan of the copy signed and sealed on paper to an issued decision (a PDF or
 * an image, checked by content like evidence). 403 for anyone else, 409 before issue, 422 for a file of
 * another kind; the hash is kept beside the generated document's and the step is recorded.
 */
export async function attachSignedScan(
  ctx: AppContext,
  user: CurrentUser,
  decisionId: string,
  upload: UploadedFile,
): Promise<void> {
  try {
    const { decision } = await getDecisionForUser(ctx.ds.manager, user, decisionId);
    if (!may(user, 'decision.attachScan')) {
      throw new ForbiddenError('forbidden', 'Chỉ văn thư đính kèm bản quét văn bản đã ký.');
    }
    if (!decisionHasTag(decision.state, 'numbered')) {
      throw new ConflictError(
        'decision_not_issued',
        'Chỉ đính kèm bản quét sau khi quyết định được ban hành.',
      );
    }
    const fileName = cleanFileName(upload.originalName);
    const mime =
      upload.size > 0 ? acceptedMimeType(await sniffBytes(upload.path, upload.size), fileName) : undefined;
    if (!mime || !(mime === 'application/pdf' || mime.startsWith('image/'))) {
      throw new RuleError('unsupported_file_type', 'Bản quét phải là tệp PDF hoặc ảnh.', { fileName });
    }
    const sha256 = await sha256Of(upload.path);
    const target = path.join(attachmentsDir(ctx), scanKey(decision.id));
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(upload.path, target);
    const at = ctx.clock().toISOString();
    await inTransaction(ctx.ds, async (em) => {
      await em.update(
        Decision,
        { id: decision.id },
        { scanStorageKey: scanKey(decision.id), scanFileName: fileName, scanSha256: sha256, updatedAt: at },
      );
      await appendDecisionEvent(em, {
        decisionId: decision.id,
        actor: user,
        at,
        type: 'SCAN',
        from: decision.state,
        to: decision.state,
        details: { fileName, sha256, documentSha256: decision.documentSha256 },
      });
    });
  } finally {
    await fs.promises.rm(upload.path, { force: true });
  }
}

/** The scan's file on disk and its name; 404 when none was attached. */
export async function getSignedScan(ctx: AppContext, user: CurrentUser, decisionId: string) {
  const { decision } = await getDecisionForUser(ctx.ds.manager, user, decisionId);
  if (!decision.scanStorageKey) throw new NotFoundError('scan_not_found', 'Quyết định chưa có bản quét.');
  return {
    fullPath: path.join(attachmentsDir(ctx), decision.scanStorageKey),
    fileName: decision.scanFileName ?? 'ban-quet.pdf',
  };
}
