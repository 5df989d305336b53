import type { NextFunction, Request, Response } from 'express';
import type { PassportStatic } from 'passport';
import type { AppContext } from '../app-context';
import { ForbiddenError, UnauthenticatedError } from '../http/errors';
import { LOCKED } from './passport';
import type { CurrentUser } from './current-user';
import { assertNotLocked, clearFailures, recordFailure } from './login-throttle';
import { endSession, startSession } from './session';

/** Checks `req.body`'s credentials with passport-local; the session is ours to start (src/auth/session.ts). */
function checkCredentials(
  passport: PassportStatic,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<CurrentUser> {
  return new Promise((resolve, reject) => {
    const done = (err: unknown, user: CurrentUser | false, info?: { message?: string }) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      if (!user && info?.message === LOCKED)
        return reject(
          new ForbiddenError(
            'account_locked',
            'Tài khoản của bạn đang bị khóa. Vui lòng liên hệ quản trị viên của tỉnh để được mở khóa.',
          ),
        );
      if (!user)
        return reject(
          new UnauthenticatedError('Tên đăng nhập hoặc mật khẩu không đúng.', 'invalid_credentials'),
        );
      resolve(user);
    };
    passport.authenticate('local', { session: false }, done)(req, res, next);
  });
}

/**
 * Logs in with `req.body.username` / `req.body.password` (already validated): refused while the name is
 * throttled (429), counts failures (401), and starts a fresh session on success. Used by the API and the page.
 */
export async function logIn(
  ctx: AppContext,
  passport: PassportStatic,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<CurrentUser> {
  const { username } = req.body as { username: string };
  const attempt = { username, clientIp: req.ip };
  await assertNotLocked(ctx.ds, ctx.clock, attempt);
  const limits = { perClient: ctx.config.maxLoginFailuresPerClient };
  const user = await checkCredentials(passport, req, res, next).catch(async (err: unknown) => {
    if (err instanceof UnauthenticatedError) await recordFailure(ctx.ds, ctx.clock, attempt, limits);
    throw err;
  });
  await clearFailures(ctx.ds, attempt);
  await startSession(req, user.id);
  req.user = user;
  return user;
}

/** Ends the session: deletes the stored session and clears the cookie; the request goes on as a visitor. */
export async function logOut(req: Request): Promise<void> {
  await endSession(req);
}
