import fs from 'node:fs';
import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { optionalUpload, uploadEvidence } from '../../attachments/attachments.routes';
import { currentUser } from '../../auth/require-user';
import { appraiseAward, proposeAward } from '../../dossiers/award-proposal.service';
import { AwardAppraisalBody, AwardProposalFields } from '../../dossiers/dossier.schemas';
import { parseWith } from '../../http/validate';
import { formValues, isFormError } from '../forms';
import { flash } from '../layout';
import { seeOther } from '../render';

/** The award dossier's forms on the dossier page: the proposal with its report, and the appraisal. */
export function awardDossierPages(ctx: AppContext): Router {
  const router = Router();
  const back = (id: string) => `/dossiers/${id}`;
  router.post('/dossiers/:id/award-proposal', ...uploadEvidence(ctx), async (req, res) => {
    const id = String(req.params.id);
    try {
      const fields = parseWith(AwardProposalFields, formValues(req.body), 'Đề nghị khen thưởng');
      const file = optionalUpload(req);
      await proposeAward(ctx, currentUser(req), id, fields, file);
      flash(req, 'ok', 'Đã thực hiện: Đề nghị khen thưởng');
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    } finally {
      if (req.file) await fs.promises.rm(req.file.path, { force: true });
    }
    await seeOther(req, res, back(id));
  });
  router.post('/dossiers/:id/award-appraisal', async (req, res) => {
    const id = String(req.params.id);
    try {
      const raw = formValues(req.body);
      const body = parseWith(AwardAppraisalBody, { ...raw, score: raw.score || undefined }, 'Thẩm định');
      await appraiseAward(ctx, currentUser(req), id, body);
      flash(req, 'ok', 'Đã ghi nhận thẩm định hồ sơ khen thưởng.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back(id));
  });
  return router;
}
