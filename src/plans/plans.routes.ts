import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { PlanInput, PlanListQuery, PlanUpdate } from './plan.schemas';
import { createPlan, getPlan, listPlans, updatePlan } from './plans.service';

/** /api/plans: read (any logged-in user, own province), create and edit (admin). */
export function planRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseWith(PlanListQuery, req.query, 'Tham số tìm kiếm');
    res.json({ items: await listPlans(ctx, currentUser(req), query.year) });
  });
  router.get('/:id', async (req, res) => {
    res.json(await getPlan(ctx, currentUser(req), req.params.id));
  });
  router.post('/', async (req, res) => {
    const input = parseWith(PlanInput, req.body, 'Kế hoạch');
    res.status(201).json(await createPlan(ctx, currentUser(req), input));
  });
  router.put('/:id', async (req, res) => {
    const input = parseWith(PlanUpdate, req.body, 'Kế hoạch');
    res.json(await updatePlan(ctx, currentUser(req), req.params.id, input));
  });
  return router;
}
