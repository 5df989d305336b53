import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { HolidaysBody } from './deadline.schemas';
import { listHolidays, replaceHolidays } from './holidays.service';
import { overdueByDistrict } from './overdue.service';

/** GET /api/deadlines/overdue, GET|PUT /api/holidays. */
export function deadlineRoutes(ctx: AppContext): Router {
  const router = Router();
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
