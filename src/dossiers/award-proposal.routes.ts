import fs from 'node:fs';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { optionalUpload, uploadEvidence } from '../attachments/attachments.routes';
import { currentUser } from '../auth/require-user';
import { contentDisposition } from '../http/downloads';
import { parseWith } from '../http/validate';
import { achievementReport, appraiseAward, proposeAward } from './award-proposal.service';
import { getDossierView } from './dossier.view';
import { AwardAppraisalBody, AwardProposalFields } from './dossier.schemas';

/** The award dossier: proposal with the achievement report (multipart `file`), appraisal, the report. */
export function awardProposalRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/:id/award-proposal', ...uploadEvidence(ctx), async (req, res) => {
    const id = String(req.params.id);
    try {
      const fields = parseWith(AwardProposalFields, req.body, 'Đề nghị khen thưởng');
      const file = optionalUpload(req);
      await proposeAward(ctx, currentUser(req), id, fields, file);
      res.json(await getDossierView(ctx, currentUser(req), id));
    } finally {
      if (req.file) await fs.promises.rm(req.file.path, { force: true });
    }
  });
  router.post('/:id/award-appraisal', async (req, res) => {
    const body = parseWith(AwardAppraisalBody, req.body, 'Thẩm định');
    await appraiseAward(ctx, currentUser(req), req.params.id, body);
    res.json(await getDossierView(ctx, currentUser(req), req.params.id));
  });
  router.get('/:id/award-proposal/report', async (req, res, next) => {
    const file = await achievementReport(ctx, currentUser(req), req.params.id);
    res.setHeader('Content-Disposition', contentDisposition('attachment', file.fileName));
    fs.createReadStream(file.fullPath).on('error', next).pipe(res);
  });
  return router;
}
