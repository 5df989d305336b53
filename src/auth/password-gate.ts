import type { RequestHandler } from 'express';
import { ForbiddenError } from '../http/errors';

/** What an account holding a one-time password may still reach: its session, the change, the guide. */
const ALLOWED = [
  /^\/api\/session(\/|$)/,
  /^\/api\/account\/password$/,
  /^\/logout$/,
  /^\/account\/password$/,
  /^\/help(\/|$)/,
];

/**
 * After an admin reset (one-time password) nothing works until the user has chosen their own password:
 * pages lead to the change form, the API answers 403 `password_change_required`.
 */
export const passwordChangeGate: RequestHandler = (req, res, next) => {
  if (!req.user?.mustChangePassword || ALLOWED.some((re) => re.test(req.path))) return next();
  if (req.path.startsWith('/api/'))
    return next(
      new ForbiddenError(
        'password_change_required',
        'Bạn đang dùng mật khẩu dùng một lần: hãy đổi mật khẩu trước khi tiếp tục.',
      ),
    );
  res.redirect(303, '/account/password');
};
