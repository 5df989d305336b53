import fs from 'node:fs';
import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { uploadEvidence, uploadedFile } from '../../attachments/attachments.routes';
import { currentUser } from '../../auth/require-user';
import { attachSignedScan } from '../../decisions/decision-scan.service';
import { ValidationError } from '../../http/errors';
import { signByRemoteService, signByUpload } from '../../signing/signing-steps.service';
import { field, isFormError } from '../forms';
import { flash } from '../layout';
import { seeOther } from '../render';

/** The decision page's file steps: the leader's token signature, remote signing, the paper-signed scan. */
export function decisionFilePages(ctx: AppContext): Router {
  const router = Router();
  // The leader's token signature, uploaded from the page; the remote signing service.
  router.post('/decisions/:id/signed', ...uploadEvidence(ctx), async (req, res) => {
    const back = `/decisions/${req.params.id}`;
    try {
      if (!req.file) throw new ValidationError('file_required', 'Vui lòng chọn tệp đã ký.');
      const bytes = await fs.promises.readFile(req.file.path);
      const version = Number(field(req.body, 'version')) || undefined;
      await signByUpload(ctx, currentUser(req), String(req.params.id), bytes, version);
      flash(req, 'ok', 'Đã nhận chữ ký số; quyết định chuyển văn thư cấp số và ban hành.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    } finally {
      if (req.file) await fs.promises.rm(req.file.path, { force: true });
    }
    await seeOther(req, res, back);
  });
  router.post('/decisions/:id/remote-signing', async (req, res) => {
    const back = `/decisions/${req.params.id}`;
    try {
      const version = Number(field(req.body, 'version')) || undefined;
      await signByRemoteService(ctx, currentUser(req), String(req.params.id), version);
      flash(req, 'ok', 'Đã ký số từ xa; quyết định chuyển văn thư cấp số và ban hành.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back);
  });

  router.post('/decisions/:id/scan', ...uploadEvidence(ctx), async (req, res) => {
    const back = `/decisions/${req.params.id}`;
    try {
      if (!req.file) throw new ValidationError('file_required', 'Vui lòng chọn tệp bản quét.');
      await attachSignedScan(ctx, currentUser(req), String(req.params.id), uploadedFile(req));
      flash(req, 'ok', 'Đã đính kèm bản quét văn bản đã ký.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back);
  });

  return router;
}
