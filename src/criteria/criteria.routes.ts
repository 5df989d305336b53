import { Router } from 'express';
import { z } from 'zod';
import { UNIT_TYPES } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { parseWith } from '../http/validate';
import { getCriteriaSet, getCurrentCriteriaSet } from './criteria.service';

const CurrentQuery = z.strictObject({ unitType: z.enum(UNIT_TYPES) });

/** GET /api/criteria-sets/current?unitType=, GET /api/criteria-sets/:id */
export function criteriaRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/current', async (req, res) => {
    const { unitType } = parseWith(CurrentQuery, req.query, 'Tham số');
    res.json(await getCurrentCriteriaSet(ctx, unitType));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getCriteriaSet(ctx, req.params.id));
  });
  return router;
}
