import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { ExtensionBody, HolidaysBody } from './deadline.schemas';
import { grantExtension } from './extension.service';
import { listHolidays, replaceHolidays } from './holidays.service';
import { overdueByDistrict } from './overdue.service';
import { getDossierView } from '../dossiers/dossier.view';

/** POST /api/dossiers/:id/extension, GET /api/deadlines/overdue, GET|PUT /api/holidays. */
export function deadlineRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/dossiers/:id/extension', async (req, res) => {
    const body = parseWith(ExtensionBody, req.body, 'Gia hạn');
    const user = currentUser(req);
    await grantExtension(ctx, user, req.params.id, body);
    res.json(await getDossierView(ctx, user, req.params.id));
  });
  router.get('/deadlines/overdue', async (req, res) => {
    res.json(await overdueByDistrict(ctx, currentUser(req)));
  });
  router.get('/holidays', async (_req, res) => {
    res.json(await listHolidays(ctx));
  });
  router.put('/holidays', async (req, res) => {
    const body = parseWith(HolidaysBody, req.body, 'Ngày nghỉ lễ');
    res.json(await replaceHolidays(ctx, currentUser(req), body));
  });
  return router;
}
