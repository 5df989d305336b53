import { Router } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import { District, Province, Unit } from '../../entities';
import { ROLE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { parseWith } from '../http/validate';
import type { CurrentUser } from './current-user';
import { currentUser, requireUser } from './require-user';
import { logIn, logOut } from './login';
import { SESSION_COOKIE } from './session-store';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** The user as `GET /api/session` shows it, with the names of their scope. */
export async function sessionUserView(ctx: AppContext, user: CurrentUser) {
  const [unit, district, province] = await Promise.all([
    user.unitId ? ctx.ds.getRepository(Unit).findOne({ where: { id: user.unitId } }) : null,
    user.districtId ? ctx.ds.getRepository(District).findOne({ where: { id: user.districtId } }) : null,
    user.provinceId ? ctx.ds.getRepository(Province).findOne({ where: { id: user.provinceId } }) : null,
  ]);
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    displayName: user.displayName,
    ...(user.unitId ? { unitId: user.unitId, unitName: unit?.name ?? null } : {}),
    ...(user.districtId ? { districtId: user.districtId, districtName: district?.name ?? null } : {}),
    ...(user.provinceId ? { provinceId: user.provinceId, provinceName: province?.name ?? null } : {}),
  };
}

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
    await logOut(req, res, SESSION_COOKIE);
    res.status(204).end();
  });
  return router;
}
