import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { sendDossierEvent } from './dossier-events.service';
import { listDossiers } from './dossier-list.service';
import {
  DossierEventBody,
  ExtensionBody,
  ListDossiersQuery,
  OpenDossierBody,
  ReviewScoresBody,
  SelfAssessmentBody,
} from './dossier.schemas';
import { getDossierView } from './dossier.view';
import { getDossierHistory } from './history.service';
import { openDossier } from './open-dossier.service';
import { saveReviewScores, saveSelfAssessment } from './scores.service';
import { certificatePdf } from '../decisions/decision-documents.service';
import { scoreSheetPdf } from './score-sheet.service';
import { sendPdf } from '../http/downloads';
import { grantExtension } from './extension.service';

const viewOf = getDossierView;

/** /api/dossiers: open, list, read, score, send events, extend the deadline, history, documents. */
export function dossierRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const user = currentUser(req);
    const id = await openDossier(ctx, user, parseWith(OpenDossierBody, req.body, 'Hồ sơ'));
    res
      .status(201)
      .location(`/api/dossiers/${id}`)
      .json(await viewOf(ctx, user, id));
  });
  router.get('/', async (req, res) => {
    const query = parseWith(ListDossiersQuery, req.query, 'Tham số tìm kiếm');
    res.json(await listDossiers(ctx, currentUser(req), query));
  });
  router.get('/:id', async (req, res) => {
    res.json(await viewOf(ctx, currentUser(req), req.params.id));
  });
  router.put('/:id/self-assessment', async (req, res) => {
    const user = currentUser(req);
    await saveSelfAssessment(
      ctx,
      user,
      req.params.id,
      parseWith(SelfAssessmentBody, req.body, 'Bảng tự chấm điểm'),
    );
    res.json(await viewOf(ctx, user, req.params.id));
  });
  router.put('/:id/review-scores', async (req, res) => {
    const user = currentUser(req);
    await saveReviewScores(ctx, user, req.params.id, parseWith(ReviewScoresBody, req.body, 'Bảng chấm điểm'));
    res.json(await viewOf(ctx, user, req.params.id));
  });
  router.post('/:id/events', async (req, res) => {
    const user = currentUser(req);
    const body = parseWith(DossierEventBody, req.body, 'Thao tác');
    await sendDossierEvent(ctx, user, req.params.id, body);
    res.json(await viewOf(ctx, user, req.params.id));
  });
  router.post('/:id/extension', async (req, res) => {
    const user = currentUser(req);
    await grantExtension(ctx, user, req.params.id, parseWith(ExtensionBody, req.body, 'Gia hạn'));
    res.json(await viewOf(ctx, user, req.params.id));
  });
  router.get('/:id/certificate.pdf', async (req, res) => {
    sendPdf(res, await certificatePdf(ctx, currentUser(req), req.params.id, 'recognition'));
  });
  router.get('/:id/award.pdf', async (req, res) => {
    sendPdf(res, await certificatePdf(ctx, currentUser(req), req.params.id, 'award'));
  });
  router.get('/:id/score-sheet.pdf', async (req, res) => {
    sendPdf(res, await scoreSheetPdf(ctx, currentUser(req), req.params.id));
  });
  router.get('/:id/history', async (req, res) => {
    res.json(await getDossierHistory(ctx, currentUser(req), req.params.id));
  });
  return router;
}
