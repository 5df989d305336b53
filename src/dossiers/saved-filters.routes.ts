import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { deleteSavedFilter, listSavedFilters, saveFilter, SaveFilterBody } from './saved-filters.service';

/** /api/saved-filters: the user's own named filters of the dossier list. */
export function savedFilterRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ items: await listSavedFilters(ctx, currentUser(req)) });
  });
  router.post('/', async (req, res) => {
    res
      .status(201)
      .json(await saveFilter(ctx, currentUser(req), parseWith(SaveFilterBody, req.body, 'Bộ lọc')));
  });
  router.delete('/:id', async (req, res) => {
    await deleteSavedFilter(ctx, currentUser(req), req.params.id);
    res.status(204).end();
  });
  return router;
}
