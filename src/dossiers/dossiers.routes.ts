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
  ExportQuery,
  ReceiptQuery,
  SummaryQuery,
  ReviewScoresBody,
  SelfAssessmentBody,
} from './dossier.schemas';
import { getDossierView } from './dossier.view';
import { getDossierHistory } from './history.service';
import { openDossier } from './open-dossier.service';
import { saveReviewScores, saveSelfAssessment } from './scores.service';
import { certificatePdf } from '../decisions/decision-documents.service';
import { scoreSheetPdf } from './score-sheet.service';
import { listReceipts, receiptPdf } from './receipts.service';
import { changesSinceReturn } from './return-changes.service';
import { sendDownload, sendPdf } from '../http/downloads';
import { vnDate } from '../calendar/time';
import { BulkEventBody, sendBulkEvent } from './bulk-events.service';
import { describeFilters } from './dossier-filters';
import { dossierListXlsx } from './dossier-export.service';
import { dossierSummary } from './dossier-summary.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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
  router.get('/summary', async (req, res) => {
    const { year } = parseWith(SummaryQuery, req.query, 'Tham số');
    res.json(await dossierSummary(ctx, currentUser(req), year ?? null));
  });
  router.get('/export.xlsx', async (req, res) => {
    const query = parseWith(ExportQuery, req.query, 'Tham số tìm kiếm');
    const user = currentUser(req);
    const file = await dossierListXlsx(ctx, user, query, await describeFilters(ctx, query));
    res.setHeader('X-Rows', String(file.rows));
    sendDownload(res, { fileName: `danh-sach-ho-so-${vnDate(ctx.clock())}.xlsx`, bytes: file.bytes }, XLSX);
  });
  router.post('/bulk-events', async (req, res) => {
    const body = parseWith(BulkEventBody, req.body, 'Dữ liệu');
    res.json(await sendBulkEvent(ctx, currentUser(req), body));
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
  router.get('/:id/receipts', async (req, res) => {
    res.json({ items: await listReceipts(ctx, currentUser(req), req.params.id) });
  });
  router.get('/:id/receipt.pdf', async (req, res) => {
    const { sequence } = parseWith(ReceiptQuery, req.query, 'Tham số');
    sendPdf(res, await receiptPdf(ctx, currentUser(req), req.params.id, sequence));
  });
  router.get('/:id/changes-since-return', async (req, res) => {
    res.json({ changes: await changesSinceReturn(ctx, currentUser(req), req.params.id) });
  });
  router.get('/:id/history', async (req, res) => {
    res.json(await getDossierHistory(ctx, currentUser(req), req.params.id));
  });
  return router;
}
