import { minutesFor } from '../meetings/meeting-results';
import fs from 'node:fs';
import { Router, type Request, type Response } from 'express';
import { uploadEvidence, uploadedFile } from '../attachments/attachments.routes';
import type { AppContext } from '../app-context';
import { currentUser, requireUser } from '../auth/require-user';
import { assertMay } from '../auth/permissions';
import { contentDisposition, sendDownload, sendPdf } from '../http/downloads';
import { attachSignedScan, getSignedScan } from './decision-scan.service';
import { allowSameOriginFrame } from '../http/security-headers';
import { parseWith } from '../http/validate';
import { decisionPdf } from './decision-documents.service';
import { sendDecisionEvent } from './decision-events.service';
import { listDecisions } from './decision-list.service';
import { getDecisionForUser } from './decision-lookup';
import { CreateDecisionBody, DecisionEventBody, ListDecisionsQuery, RegisterQuery } from './decision.schemas';
import { decisionView } from './decision.view';
import { createDecisionDraft } from './decisions.service';
import { listRegister, registerCsv, registerXlsx } from './register.service';
import { verifySerial } from './verify.service';
import {
  AuthorityBody,
  LegalBasesBody,
  listLegalBases,
  replaceLegalBases,
  setAuthority,
} from './legal-bases.service';
import { DECISION_KINDS } from '../../entities/decision.entity';
import { z } from 'zod';

const LegalBasesQuery = z.strictObject({ provinceId: z.string().trim().min(1).max(64) });
const DecisionKindParam = z.enum(DECISION_KINDS);

/** /api/decisions: draft (internal affairs), list, read, lifecycle events, PDF. */
export function decisionRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);
  router.post('/', async (req, res) => {
    const user = currentUser(req);
    const body = parseWith(CreateDecisionBody, req.body, 'Dự thảo quyết định');
    const { decision, items } = await createDecisionDraft(ctx, user, body);
    res
      .status(201)
      .location(`/api/decisions/${decision.id}`)
      .json(decisionView(user, decision, items));
  });
  router.get('/', async (req, res) => {
    const user = currentUser(req);
    assertMay(user, 'decision.read');
    res.json(await listDecisions(ctx, user, parseWith(ListDecisionsQuery, req.query, 'Tham số tìm kiếm')));
  });
  router.get('/:id', async (req, res) => {
    const user = currentUser(req);
    const { decision, items } = await getDecisionForUser(ctx.ds.manager, user, req.params.id);
    // The council's minutes that approved its dossiers go with the proposal (Tờ trình).
    const councilMinutes =
      decision.kind === 'revocation'
        ? []
        : await minutesFor(
            ctx.ds.manager,
            decision.kind,
            items.map((i) => i.dossierId),
          );
    res.json({ ...decisionView(user, decision, items), councilMinutes });
  });
  router.post('/:id/events', async (req, res) => {
    const user = currentUser(req);
    const body = parseWith(DecisionEventBody, req.body, 'Thao tác');
    const { decision, items } = await sendDecisionEvent(ctx, user, req.params.id, body);
    res.json(decisionView(user, decision, items));
  });
  router.get('/:id/pdf', async (req, res) => {
    const file = await decisionPdf(ctx, currentUser(req), req.params.id);
    allowSameOriginFrame(res); // the decision page shows the draft it asks to sign
    sendPdf(res, file);
  });
  // The văn thư attaches the scan of the copy signed and sealed on paper (multipart `file`).
  router.post('/:id/scan', ...uploadEvidence(ctx), async (req, res) => {
    const user = currentUser(req);
    await attachSignedScan(ctx, user, req.params.id as string, uploadedFile(req));
    const { decision, items } = await getDecisionForUser(ctx.ds.manager, user, req.params.id as string);
    res.json(decisionView(user, decision, items));
  });
  router.get('/:id/scan', async (req, res, next) => {
    const scan = await getSignedScan(ctx, currentUser(req), req.params.id);
    res.setHeader('Content-Disposition', contentDisposition('attachment', scan.fileName));
    fs.createReadStream(scan.fullPath)
      .on('error', (err) => (res.headersSent ? res.destroy(err) : next(err)))
      .pipe(res);
  });
  return router;
}

/** /api/register: the register of issued documents (clerk, internal affairs), JSON and CSV. */
export function registerRoutes(ctx: AppContext): Router {
  const router = Router();
  const load = (req: Request) =>
    listRegister(ctx, currentUser(req), parseWith(RegisterQuery, req.query, 'Tham số'));
  const download = (res: Response, fileName: string, bytes: Buffer, type: string) =>
    sendDownload(res, { fileName, bytes }, type);
  router.get('/register', requireUser, async (req, res) => {
    res.json(await load(req));
  });
  router.get('/register.xlsx', requireUser, async (req, res) => {
    const register = await load(req);
    download(
      res,
      `so-van-ban-di-${register.year}.xlsx`,
      await registerXlsx(register),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
  router.get('/register.csv', requireUser, async (req, res) => {
    const register = await load(req);
    download(
      res,
      `so-van-ban-di-${register.year}.csv`,
      Buffer.from(registerCsv(register)),
      'text/csv; charset=utf-8',
    );
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

/** /api/legal-bases: the legal bases a province's decisions cite, per kind (admin). */
export function legalBasisRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/', async (req, res) => {
    const { provinceId } = parseWith(LegalBasesQuery, req.query, 'Tham số');
    res.json(await listLegalBases(ctx, currentUser(req), provinceId));
  });
  router.put('/:kind/authority', async (req, res) => {
    const user = currentUser(req);
    const kind = parseWith(DecisionKindParam, req.params.kind, 'Loại quyết định');
    const body = parseWith(AuthorityBody, req.body, 'Thẩm quyền ban hành');
    await setAuthority(ctx, user, kind, body);
    res.json(await listLegalBases(ctx, user, body.provinceId));
  });
  router.put('/:kind', async (req, res) => {
    const user = currentUser(req);
    const kind = parseWith(DecisionKindParam, req.params.kind, 'Loại quyết định');
    const body = parseWith(LegalBasesBody, req.body, 'Căn cứ pháp lý');
    await replaceLegalBases(ctx, user, kind, body);
    res.json(await listLegalBases(ctx, user, body.provinceId));
  });
  return router;
}
