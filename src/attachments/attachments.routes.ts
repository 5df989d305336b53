import fs from 'node:fs';
import { allowSameOriginFrame } from '../http/security-headers';
import { contentDisposition } from '../http/downloads';
import { previewable } from './file-types';
import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { ValidationError } from '../http/errors';
import { assertNoNul, stripBidiDeep } from '../http/input-guard';
import { parseWith } from '../http/validate';
import { arrivingName, discardUpload, uploadTmpDir } from './attachment-files';
import { addAttachment, getAttachmentFile, removeAttachment, type UploadedFile } from './attachments.service';
import { attachmentView } from '../dossiers/dossier.view';

const UploadFields = z.strictObject({
  criterionCode: z.string().trim().min(1).max(32).optional(),
  // The dossier version the client saw, if it wants the upload refused after any other change.
  version: z.coerce.number().int().min(1).optional(),
});
type UploadFields = z.infer<typeof UploadFields>;

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

/**
 * Parses one evidence file `file` plus a few short fields, streaming the file to disk under
 * `attachments/tmp/` (never whole in memory: 16 parallel 19 MB uploads held ~11 MB each).
 */
export function uploadEvidence(
  ctx: AppContext,
  fieldLimits: { fields: number; fieldSize: number } = { fields: 5, fieldSize: 1024 },
): RequestHandler[] {
  const storage = multer.diskStorage({
    destination: (_req, _file, done) => {
      const dir = uploadTmpDir(ctx);
      fs.promises.mkdir(dir, { recursive: true }).then(
        () => done(null, dir),
        (err: Error) => done(err, dir),
      );
    },
    filename: (_req, _file, done) => done(null, arrivingName()),
  });
  const parse = multer({
    storage,
    limits: { fileSize: ctx.config.maxUploadBytes, files: 1, ...fieldLimits },
    defParamCharset: 'utf8',
  }).single('file');
  const guard: RequestHandler = (req, res, next) => {
    guardFields(req, res, (err?: unknown) => {
      if (!err) return next();
      // Refused before the service takes the file: it must not stay on disk.
      discardUpload(req.file?.path).then(() => next(err), next);
    });
  };
  return [parse, guard];
}

/** The file of this request as a service takes it, or undefined when none was sent (the service says so). */
export function optionalUpload(req: Request): UploadedFile | undefined {
  return req.file
    ? { originalName: req.file.originalname, path: req.file.path, size: req.file.size }
    : undefined;
}

/** The evidence file of this request as the service takes it; 400 without one. */
export function uploadedFile(req: Request): UploadedFile {
  const file = optionalUpload(req);
  if (!file) {
    throw new ValidationError('file_required', 'Vui lòng chọn tệp minh chứng.', {
      fields: [{ field: 'file', code: 'required', message: 'Vui lòng chọn tệp minh chứng.' }],
    });
  }
  return file;
}

/** Parses one small multipart file `file` (an import: CSV, JSON) in memory, plus a few short fields. */
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
  router.post('/', ...uploadEvidence(ctx), async (req, res) => {
    const user = currentUser(req);
    const params = req.params as { id: string };
    let fields: UploadFields;
    try {
      fields = parseWith(UploadFields, { ...req.body }, 'Thông tin tệp');
    } catch (err) {
      await discardUpload(req.file?.path);
      throw err;
    }
    const file = uploadedFile(req);
    const attachment = await addAttachment(ctx, user, params.id, file, fields.criterionCode, fields.version);
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
    // `?view=inline` shows a PDF or an image inside the dossier page (framed by this origin only); every
    // other request, and every other type, downloads.
    if (req.query.view === 'inline' && previewable(attachment.mimeType)) {
      allowSameOriginFrame(res);
      res.setHeader('Content-Disposition', contentDisposition('inline', attachment.fileName));
    } else res.attachment(attachment.fileName);
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
