import { Router } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { parseWith } from '../http/validate';
import { currentUser, requireUser } from './require-user';
import { logIn, logOut } from './login';
import { sessionUserView } from './session-view';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** POST/GET/DELETE /api/session: log in, who am I, log out. */
export function sessionRoutes(ctx: AppContext, passport: PassportStatic): Router {
  const router = Router();
  router.post('/', async (req, res, next) => {
    req.body = parseWith(LoginBody, req.body, 'Thông tin đăng nhập');
    const user = await logIn(ctx, passport, req, res, next);
    res.json({ user: await sessionUserView(ctx, user) });
  });
  router.get('/', requireUser, async (req, res) => {
    res.json({ user: await sessionUserView(ctx, currentUser(req)) });
  });
  router.delete('/', requireUser, async (req, res) => {
    await logOut(req);
    res.status(204).end();
  });
  return router;
}
