import { Router, type NextFunction, type Request, type Response } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import { District, Province, Unit } from '../../entities';
import { ROLE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { UnauthenticatedError } from '../http/errors';
import { parseWith } from '../http/validate';
import type { CurrentUser } from './current-user';
import { currentUser, requireUser } from './require-user';
import { assertNotLocked, clearFailures, recordFailure } from './login-throttle';

const LoginBody = z.strictObject({
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

function authenticate(
  passport: PassportStatic,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<CurrentUser> {
  return new Promise((resolve, reject) => {
    passport.authenticate('local', (err: unknown, user: CurrentUser | false) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      if (!user)
        return reject(
          new UnauthenticatedError('Tên đăng nhập hoặc mật khẩu không đúng.', 'invalid_credentials'),
        );
      // passport ≥ 0.6 regenerates the session id here (no session fixation).
      req.logIn(user, (loginErr) => (loginErr ? reject(loginErr as Error) : resolve(user)));
    })(req, res, next);
  });
}

/** POST/GET/DELETE /api/session: log in, who am I, log out. */
export function sessionRoutes(ctx: AppContext, passport: PassportStatic): Router {
  const router = Router();
  router.post('/', async (req, res, next) => {
    req.body = parseWith(LoginBody, req.body, 'Thông tin đăng nhập');
    const { username } = req.body as z.infer<typeof LoginBody>;
    await assertNotLocked(ctx.ds, ctx.clock, username);
    const user = await authenticate(passport, req, res, next).catch(async (err: unknown) => {
      if (err instanceof UnauthenticatedError) await recordFailure(ctx.ds, ctx.clock, username);
      throw err;
    });
    await clearFailures(ctx.ds, username);
    res.json({ user: await sessionUserView(ctx, user) });
  });
  router.get('/', requireUser, async (req, res) => {
    res.json({ user: await sessionUserView(ctx, currentUser(req)) });
  });
  router.delete('/', requireUser, (req, res, next) => {
    req.logOut((err) => {
      if (err) return next(err);
      req.session.destroy((destroyErr) => {
        if (destroyErr) return next(destroyErr);
        res.clearCookie('dienhinh.sid');
        res.status(204).end();
      });
    });
  });
  return router;
}
