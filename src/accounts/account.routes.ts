import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser, requireUser } from '../auth/require-user';
import { startSession } from '../auth/session';
import { RuleError } from '../http/errors';
import { accountView, changeOwnPassword, updateMailSettings } from './account.service';
import { completePasswordReset, requestPasswordReset } from './password-reset.service';

/** The one answer to a forgot-password request, whether or not an account matched. */
export const RESET_REQUESTED =
  'Nếu tên đăng nhập hoặc e-mail khớp với một tài khoản có địa chỉ e-mail, một liên kết đặt lại mật khẩu vừa được gửi tới địa chỉ đó.';

/** Refused when the server sends no mail: a link that never arrives would leave the user waiting. */
export function assertMailConfigured(ctx: AppContext): void {
  if (!ctx.config.mail)
    throw new RuleError(
      'mail_not_configured',
      'Hệ thống chưa được cấu hình gửi e-mail. Vui lòng liên hệ quản trị viên để được cấp mật khẩu dùng một lần.',
    );
}

/** /api/account: the logged-in user's own account (e-mail settings, password). */
export function accountRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/', async (req, res) => {
    res.json(await accountView(ctx.ds, currentUser(req)));
  });
  router.patch('/', async (req, res) => {
    res.json(await updateMailSettings(ctx.ds, currentUser(req), req.body));
  });
  router.post('/password', async (req, res) => {
    const user = currentUser(req);
    await changeOwnPassword(ctx.ds, user, req.body);
    // Every session of the account ended with the change; this one continues under a new id.
    await startSession(req, user.id);
    res.status(204).end();
  });
  return router;
}

/** /api/password-resets: forgot password (a link by e-mail) and its completion; no login needed. */
export function passwordResetRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    assertMailConfigured(ctx);
    await requestPasswordReset(ctx, req.body);
    res.status(202).json({ message: RESET_REQUESTED });
  });
  router.post('/complete', async (req, res) => {
    await completePasswordReset(ctx, req.body);
    res.status(204).end();
  });
  return router;
}
