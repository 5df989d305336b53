import { createHash } from 'node:crypto';
import fs from 'node:fs';
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
import { updateDossierIfVersion } from '../dossiers/dossier-transition';
import { assertMayEdit } from '../dossiers/dossier-rules';
import { restoreDossierSnapshot } from '../dossiers/dossier-snapshot';
import { acceptedMimeType, cleanFileName } from './file-types';

export interface UploadedFile {
  originalName: string;
  buffer: Buffer;
}

/** Where evidence files live: under the data directory, by storage key. */
export const attachmentsDir = (ctx: Pick<AppContext, 'config'>): string =>
  path.join(ctx.config.dataDir, 'attachments');

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

/**
 * Stores an evidence file of the user's own unit's dossier. The file lands on disk under a generated key
 * before the database row; if the transaction fails, the file is removed. Throws 403/404/409/422.
 */
export async function addAttachment(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  file: UploadedFile,
  criterionCode: string | undefined,
): Promise<Attachment> {
  assertMay(user, 'dossier.attachments.write');
  const precheck = await getDossierForUser(ctx.ds.manager, user, dossierId);
  assertEditable(user, precheck);
  await assertCriterion(ctx, precheck, criterionCode);
  const fileName = cleanFileName(file.originalName);
  if (file.buffer.length === 0) throw new RuleError('empty_file', 'Tệp tải lên rỗng.');
  const mimeType = acceptedMimeType(file.buffer, fileName);
  if (!mimeType) {
    throw new RuleError(
      'unsupported_file_type',
      'Chỉ nhận tệp PDF, ảnh (PNG, JPEG, GIF, WEBP) hoặc văn bản Office (DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS) có nội dung đúng với phần mở rộng.',
      { fileName },
    );
  }
  const id = newId();
  const storageKey = `${new Date().getUTCFullYear()}/${id}`;
  const fullPath = path.join(attachmentsDir(ctx), storageKey);
  await fs.promises.mkdir(path.dirname(fullPath), { recursive: true });
  await fs.promises.writeFile(fullPath, file.buffer, { flag: 'wx' });
  try {
    return await inTransaction(ctx.ds, async (em) => {
      const dossier = await getDossierForUser(em, user, dossierId);
      assertEditable(user, dossier);
      const at = ctx.clock().toISOString();
      const attachment = em.create(Attachment, {
        id,
        dossierId,
        criterionCode: criterionCode ?? null,
        fileName,
        mimeType,
        size: file.buffer.length,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        storageKey,
        uploadedById: user.id,
        createdAt: at,
        removedAt: null,
      });
      await em.insert(Attachment, attachment);
      await updateDossierIfVersion(em, dossierId, dossier.version, { updatedAt: at });
      await appendAuditEvent(em, {
        dossierId,
        actor: user,
        at,
        type: 'ATTACHMENT_ADDED',
        from: dossier.state,
        to: dossier.state,
        details: {
          attachmentId: id,
          fileName,
          sha256: attachment.sha256,
          criterionCode: criterionCode ?? null,
        },
      });
      return attachment;
    });
  } catch (err) {
    await fs.promises.rm(fullPath, { force: true });
    throw err;
  }
}

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
    await updateDossierIfVersion(em, dossierId, dossier.version, { updatedAt: at });
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
