import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { vnDate } from '../calendar/time';
import { renderProgressReportPdf } from './progress-report.pdf';
import { parseWith } from '../http/validate';
import { progressCsv } from './progress.csv';
import { progressSvg } from './progress-chart';
import { progressReport } from './progress.service';
import {
  CreateReportBody,
  ListReportsQuery,
  NationalQuery,
  ProgressQuery,
  ReportEventBody,
  UpdateReportBody,
} from './report.schemas';
import { sendPdf } from '../http/downloads';
import {
  createReportDraft,
  getReport,
  issuedReportPdf,
  sendReportEvent,
  updateReportDraft,
} from './issued-reports.service';
import { listReports } from './issued-reports.list';
import { nationalReport } from './national.service';

/** /api/reports/progress and its .csv, .svg and .pdf variants (district reviewers and up). */
export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  const load = (req: { query: unknown }, user: ReturnType<typeof currentUser>) =>
    progressReport(ctx, user, parseWith(ProgressQuery, req.query, 'Tham số báo cáo'));
  router.get('/national', async (req, res) => {
    const { year } = parseWith(NationalQuery, req.query, 'Tham số báo cáo');
    res.json(await nationalReport(ctx, currentUser(req), year));
  });
  router.get('/progress', async (req, res) => {
    res.json(await load(req, currentUser(req)));
  });
  router.get('/progress.csv', async (req, res) => {
    const report = await load(req, currentUser(req));
    res.type('text/csv; charset=utf-8').attachment(`tien-do-${report.year}.csv`).send(progressCsv(report));
  });
  router.get('/progress.svg', async (req, res) => {
    const report = await load(req, currentUser(req));
    res.type('image/svg+xml; charset=utf-8').send(progressSvg(report));
  });
  router.get('/progress.pdf', async (req, res) => {
    const query = parseWith(ProgressQuery, req.query, 'Tham số báo cáo');
    const report = await progressReport(ctx, currentUser(req), query);
    const pdf = await renderProgressReportPdf({ report, period: query.period, date: vnDate(ctx.clock()) });
    const name = `bao-cao-${query.period === 'six_month' ? '6-thang' : 'nam'}-${report.year}.pdf`;
    res.type('application/pdf').attachment(name).send(pdf);
  });
  // Reports drafted and issued by the body that owes them (after the fixed paths above).
  router.post('/', async (req, res) => {
    const body = parseWith(CreateReportBody, req.body, 'Báo cáo');
    res.status(201).json(await createReportDraft(ctx, currentUser(req), body));
  });
  router.get('/', async (req, res) => {
    const { year } = parseWith(ListReportsQuery, req.query, 'Tham số');
    res.json({ items: await listReports(ctx, currentUser(req), year) });
  });
  router.get('/:id', async (req, res) => {
    res.json(await getReport(ctx, currentUser(req), req.params.id));
  });
  router.put('/:id', async (req, res) => {
    const body = parseWith(UpdateReportBody, req.body, 'Báo cáo');
    res.json(await updateReportDraft(ctx, currentUser(req), req.params.id, body));
  });
  router.post('/:id/events', async (req, res) => {
    const body = parseWith(ReportEventBody, req.body, 'Thao tác');
    res.json(await sendReportEvent(ctx, currentUser(req), req.params.id, body));
  });
  router.get('/:id/pdf', async (req, res) => {
    sendPdf(res, await issuedReportPdf(ctx, currentUser(req), req.params.id));
  });
  return router;
}
