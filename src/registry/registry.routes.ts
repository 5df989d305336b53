import { Router } from 'express';
import type { AppContext } from '../app-context';
import { parseWith } from '../http/validate';
import { listRegistry, RegistryQuery } from './registry.service';

/** GET /api/registry: the public registry of recognized and awarded units; no login. */
export function registryRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await listRegistry(ctx, parseWith(RegistryQuery, req.query, 'Tham số tra cứu')));
  });
  return router;
}
