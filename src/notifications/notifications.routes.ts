import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { listNotifications, markAllRead, markRead } from './inbox.service';
import { NotificationQuery } from './notification.schemas';

/** /api/notifications: the user's own in-app notifications. */
export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseWith(NotificationQuery, req.query, 'Tham số');
    res.json(await listNotifications(ctx, currentUser(req), query));
  });
  router.post('/read-all', async (req, res) => {
    res.json({ updated: await markAllRead(ctx, currentUser(req)) });
  });
  router.post('/:id/read', async (req, res) => {
    res.json(await markRead(ctx, currentUser(req), req.params.id));
  });
  return router;
}
