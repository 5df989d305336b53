import { Router } from 'express';
import { z } from 'zod';
import { UNIT_TYPES } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { MAX_UNIT_PAGE, listDistricts, listUnits } from './units.service';

const UnitQuery = z.strictObject({
  type: z.enum(UNIT_TYPES).optional(),
  districtId: z.string().max(64).optional(),
  /** Part of the name (accents optional) or of the code. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_UNIT_PAGE).default(50),
});

/** GET /api/units (paged), GET /api/districts. */
export function unitRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/units', async (req, res) => {
    const query = parseWith(UnitQuery, req.query, 'Tham số tìm kiếm');
    res.json(await listUnits(ctx, currentUser(req), query));
  });
  router.get('/districts', async (req, res) => {
    res.json(await listDistricts(ctx, currentUser(req)));
  });
  return router;
}
