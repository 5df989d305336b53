import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser, requireUser } from '../auth/require-user';
import { decisionPdf } from './decision-documents.service';
import { sendPdf } from '../http/downloads';
import { getDecisionForUser } from './decision-lookup';
import { parseWith } from '../http/validate';
import { IssueDecisionBody, ListDecisionsQuery } from './decision.schemas';
import { decisionView } from './decision.view';
import { listDecisions } from './decision-list.service';
import { issueDecision } from './decisions.service';
import { verifySerial } from './verify.service';

/** /api/decisions: issue (internal affairs), list, read, PDF. */
export function decisionRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);
  router.post('/', async (req, res) => {
    const body = parseWith(IssueDecisionBody, req.body, 'Quyết định');
    const { decision, items } = await issueDecision(ctx, currentUser(req), body);
    res.status(201).location(`/api/decisions/${decision.id}`).json(decisionView(decision, items));
  });
  router.get('/', async (req, res) => {
    res.json(
      await listDecisions(
        ctx,
        currentUser(req),
        parseWith(ListDecisionsQuery, req.query, 'Tham số tìm kiếm'),
      ),
    );
  });
  router.get('/:id', async (req, res) => {
    const { decision, items } = await getDecisionForUser(ctx.ds.manager, currentUser(req), req.params.id);
    res.json(decisionView(decision, items));
  });
  router.get('/:id/pdf', async (req, res) => {
    sendPdf(res, await decisionPdf(ctx, currentUser(req), req.params.id));
  });
  return router;
}

/** Public verification: GET /api/verify/:serial (JSON; the page is src/web/pages/verify.page.ts). */
export function verifyRoutes(ctx: AppContext): Router {
  const api = Router();
  api.get('/:serial', async (req, res) => {
    res.json(await verifySerial(ctx, req.params.serial));
  });
  return api;
}
