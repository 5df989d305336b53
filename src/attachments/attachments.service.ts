import path from 'node:path';
import { IsNull } from 'typeorm';
import { Attachment, type Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import { appendAuditEvent } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { NotFoundError, RuleError } from '../http/errors';
import { getDossierForUser } from '../dossiers/dossier-access';
import { getCriteriaSetWithItems } from '../dossiers/dossier-facts';
import { assertMayEdit, statesAccepting } from '../dossiers/dossier-rules';
import { touchDossier } from '../dossiers/dossier-transition';
import { restoreDossierSnapshot } from '../dossiers/dossier-snapshot';
import {
  attachmentsDir,
  claimUpload,
  discardUpload,
  finalizeUpload,
  sha256Of,
  sniffBytes,
} from './attachment-files';
import { acceptedMimeType, cleanFileName } from './file-types';

/** An upload as it arrived: streamed to a file under `tmp/` (see attachment-files.ts). */
export interface UploadedFile {
  originalName: string;
  /** Where the upload was written while it arrived. */
  path: string;
  size: number;
}

/** Evidence changes only where the machine takes CHANGE_EVIDENCE from this user (409/403 otherwise). */
function assertEditable(user: CurrentUser, dossier: Dossier): void {
  assertMayEdit(user, dossier, restoreDossierSnapshot(dossier), { type: 'CHANGE_EVIDENCE' });
}

async function assertCriterion(ctx: AppContext, dossier: Dossier, code: string | undefined): Promise<void> {
  if (code === undefined) return;
  const { items } = await getCriteriaSetWithItems(ctx.ds.manager, dossier.criteriaSetId);
  if (!items.some((c) => c.code === code)) {
    throw new RuleError('unknown_criterion', `Không có tiêu chí mã ${code}.`, {
      fields: [
        { field: 'criterionCode', code: 'unknown_criterion', message: `Không có tiêu chí mã ${code}.` },
      ],
    });
  }
}

/** The file's checked name and type (by content, from its head and tail): 422 for anything not accepted. */
async function checkFile(file: UploadedFile): Promise<{ fileName: string; mimeType: string }> {
  const fileName = cleanFileName(file.originalName);
  if (file.size === 0) throw new RuleError('empty_file', 'Tệp tải lên rỗng.');
  const mimeType = acceptedMimeType(await sniffBytes(file.path, file.size), fileName);
  if (!mimeType) {
    throw new RuleError(
      'unsupported_file_type',
      'Chỉ nhận tệp PDF, ảnh (PNG, JPEG, GIF, WEBP) hoặc văn bản Office (DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS) có nội dung đúng với phần mở rộng.',
      { fileName },
    );
  }
  return { fileName, mimeType };
}

/**
 * Stores an evidence file of the user's own unit's dossier. The row, the dossier's new version and the
 * audit event are one transaction; the file becomes final only after it commits, and is removed when
 * anything refuses it. `version`, when the client sends one, must be the dossier's. Throws 403/404/409/422.
 */
export async function addAttachment(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  file: UploadedFile,
  criterionCode: string | undefined,
  version?: number,
): Promise<Attachment> {
  const id = newId();
  let held: string | undefined = file.path;
  try {
    assertMay(user, 'dossier.attachments.write');
    const precheck = await getDossierForUser(ctx.ds.manager, user, dossierId);
    assertEditable(user, precheck);
    await assertCriterion(ctx, precheck, criterionCode);
    const { fileName, mimeType } = await checkFile(file);
    held = await claimUpload(ctx, file.path, id);
    const sha256 = await sha256Of(held);
    const storageKey = `${new Date().getUTCFullYear()}/${id}`;
    const attachment = await inTransaction(ctx.ds, async (em) => {
      const dossier = await getDossierForUser(em, user, dossierId);
      assertEditable(user, dossier);
      const at = ctx.clock().toISOString();
      const row = em.create(Attachment, {
        id,
        dossierId,
        criterionCode: criterionCode ?? null,
        fileName,
        mimeType,
        size: file.size,
        sha256,
        storageKey,
        uploadedById: user.id,
        createdAt: at,
        removedAt: null,
      });
      await em.insert(Attachment, row);
      await touchDossier(
        em,
        dossierId,
        at,
        version === undefined ? { states: EVIDENCE_STATES() } : { version },
      );
      await appendAuditEvent(em, {
        dossierId,
        actor: user,
        at,
        type: 'ATTACHMENT_ADDED',
        from: dossier.state,
        to: dossier.state,
        details: { attachmentId: id, fileName, sha256, criterionCode: criterionCode ?? null },
      });
      return row;
    });
    held = undefined; // committed: the row names it now
    await finalizeUpload(ctx, id, storageKey);
    return attachment;
  } finally {
    await discardUpload(held);
  }
}

/** The states in which evidence may change at all (the machine's CHANGE_EVIDENCE). */
const EVIDENCE_STATES = () => statesAccepting('CHANGE_EVIDENCE');

/** Removes an evidence file from the dossier (the file stays on disk for the audit trail). Throws 403/404/409. */
export async function removeAttachment(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  attachmentId: string,
): Promise<void> {
  assertMay(user, 'dossier.attachments.write');
  await inTransaction(ctx.ds, async (em) => {
    const dossier = await getDossierForUser(em, user, dossierId);
    const attachment = await em.findOne(Attachment, {
      where: { id: attachmentId, dossierId, removedAt: IsNull() },
    });
    if (!attachment) throw new NotFoundError('attachment_not_found', 'Không tìm thấy tệp minh chứng.');
    assertEditable(user, dossier);
    const at = ctx.clock().toISOString();
    await em.update(Attachment, { id: attachmentId }, { removedAt: at });
    await touchDossier(em, dossierId, at, { states: EVIDENCE_STATES() });
    await appendAuditEvent(em, {
      dossierId,
      actor: user,
      at,
      type: 'ATTACHMENT_REMOVED',
      from: dossier.state,
      to: dossier.state,
      details: { attachmentId, fileName: attachment.fileName },
    });
  });
}

/** An evidence file to download, with its path on disk. Throws NotFoundError outside jurisdiction. */
export async function getAttachmentFile(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  attachmentId: string,
): Promise<{ attachment: Attachment; fullPath: string }> {
  await getDossierForUser(ctx.ds.manager, user, dossierId);
  const attachment = await ctx.ds
    .getRepository(Attachment)
    .findOne({ where: { id: attachmentId, dossierId, removedAt: IsNull() } });
  if (!attachment) throw new NotFoundError('attachment_not_found', 'Không tìm thấy tệp minh chứng.');
  return { attachment, fullPath: path.join(attachmentsDir(ctx), attachment.storageKey) };
}
