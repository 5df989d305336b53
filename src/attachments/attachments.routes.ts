import fs from 'node:fs';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { ValidationError } from '../http/errors';
import { assertNoNul, stripBidiDeep } from '../http/input-guard';
import { parseWith } from '../http/validate';
import { addAttachment, getAttachmentFile, removeAttachment } from './attachments.service';
import { attachmentView } from '../dossiers/dossier.view';

const UploadFields = z.strictObject({ criterionCode: z.string().trim().min(1).max(32).optional() });

/** Multipart text fields get the checks the JSON and form bodies got before any route (input-guard.ts). */
const guardFields: RequestHandler = (req, _res, next) => {
  try {
    assertNoNul(req.body);
    stripBidiDeep(req.body);
    next();
  } catch (err) {
    next(err);
  }
};

/** Parses one multipart file `file` (in memory, size-limited) plus a few short fields. */
export function uploadOne(ctx: AppContext): RequestHandler[] {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 5, fieldSize: 1024 },
    defParamCharset: 'utf8',
  }).single('file');
  return [parse, guardFields];
}

/** /api/dossiers/:id/attachments: upload (multipart `file`, `criterionCode?`), download, remove. */
export function attachmentRoutes(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });
  router.post('/', ...uploadOne(ctx), async (req, res) => {
    const user = currentUser(req);
    if (!req.file) {
      throw new ValidationError('file_required', 'Vui lòng chọn tệp minh chứng.', {
        fields: [{ field: 'file', code: 'required', message: 'Vui lòng chọn tệp minh chứng.' }],
      });
    }
    const fields = parseWith(UploadFields, { ...req.body }, 'Thông tin tệp');
    const params = req.params as { id: string };
    const attachment = await addAttachment(
      ctx,
      user,
      params.id,
      { originalName: req.file.originalname, buffer: req.file.buffer },
      fields.criterionCode,
    );
    res.status(201).json(attachmentView(attachment));
  });
  router.get('/:attachmentId', async (req, res, next) => {
    const params = req.params as { id: string; attachmentId: string };
    const { attachment, fullPath } = await getAttachmentFile(
      ctx,
      currentUser(req),
      params.id,
      params.attachmentId,
    );
    res.attachment(attachment.fileName);
    res.type(attachment.mimeType);
    res.setHeader('Content-Length', String(attachment.size));
    fs.createReadStream(fullPath)
      .on('error', (err) => (res.headersSent ? res.destroy(err) : next(err)))
      .pipe(res);
  });
  router.delete('/:attachmentId', async (req, res) => {
    const params = req.params as { id: string; attachmentId: string };
    await removeAttachment(ctx, currentUser(req), params.id, params.attachmentId);
    res.status(204).end();
  });
  return router;
}
