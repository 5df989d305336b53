import fs from 'node:fs';
import { Router } from 'express';
import { z } from 'zod';
import { uploadEvidence, uploadedFile } from '../attachments/attachments.routes';
import type { AppContext } from '../app-context';
import { currentUser, requireUser } from '../auth/require-user';
import { decisionView } from '../decisions/decision.view';
import { sendPdf } from '../http/downloads';
import { parseWith } from '../http/validate';
import { signByRemoteService, signByUpload, signingPdf } from './signing-steps.service';

const Version = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

/** /api/decisions/:id/signing.pdf, …/signed, …/remote-signing: the leader's ways to sign. */
export function signingRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/:id/signing.pdf', async (req, res) => {
    sendPdf(res, await signingPdf(ctx, currentUser(req), req.params.id));
  });
  router.post('/:id/signed', ...uploadEvidence(ctx), async (req, res) => {
    const file = uploadedFile(req);
    try {
      const { version } = parseWith(
        Version,
        { ...(req.body?.version ? { version: req.body.version } : {}) },
        'Thao tác',
      );
      const user = currentUser(req);
      const bytes = await fs.promises.readFile(file.path);
      const { decision, items } = await signByUpload(ctx, user, String(req.params.id), bytes, version);
      res.json(decisionView(user, decision, items));
    } finally {
      await fs.promises.rm(file.path, { force: true });
    }
  });
  router.post('/:id/remote-signing', async (req, res) => {
    const { version } = parseWith(Version, req.body ?? {}, 'Thao tác');
    const user = currentUser(req);
    const { decision, items } = await signByRemoteService(ctx, user, String(req.params.id), version);
    res.json(decisionView(user, decision, items));
  });
  return router;
}
