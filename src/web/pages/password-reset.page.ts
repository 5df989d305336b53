import { Router } from 'express';
import { assertMailConfigured, RESET_REQUESTED } from '../../accounts/account.routes';
import {
  completePasswordReset,
  requestPasswordReset,
  userOfResetLink,
} from '../../accounts/password-reset.service';
import type { AppContext } from '../../app-context';
import { AppError, RuleError } from '../../http/errors';
import { input } from '../components';
import { field, fieldMessages, isFormError } from '../forms';
import { html, type HtmlValue } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const card = (title: string, body: HtmlValue) =>
  html`<section class="login card">
    <h1>${title}</h1>
    ${body}
  </section>`;

const alert = (kind: 'ok' | 'error', text: string) =>
  html`<div class="flash ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</div>`;

/** /forgot-password and /reset-password: a link by e-mail, then a new password; no login needed. */
export function passwordResetPages(ctx: AppContext): Router {
  const router = Router();
  const requestForm = (req: Parameters<typeof csrfField>[0], login: string, error?: string) =>
    card(
      'Quên mật khẩu',
      html`${error ? alert('error', error) : ''}
        <p>
          Nhập tên đăng nhập hoặc địa chỉ e-mail của tài khoản; liên kết đặt lại mật khẩu sẽ được gửi tới
          e-mail đã đăng ký.
        </p>
        <form method="post" action="/forgot-password" class="stack">
          ${csrfField(req)}
          ${input('login', 'Tên đăng nhập hoặc e-mail', login, { required: true, max: 254, autocomplete: 'username' })}
          <button type="submit" class="primary">Gửi liên kết</button>
        </form>
        <p><a href="/login">Quay lại đăng nhập</a></p>`,
    );
  router.get('/forgot-password', async (req, res) => {
    await renderPage(ctx, req, res, { title: 'Quên mật khẩu', body: requestForm(req, '') });
  });
  router.post('/forgot-password', async (req, res) => {
    const login = field(req.body, 'login');
    try {
      assertMailConfigured(ctx);
      await requestPasswordReset(ctx, { login });
    } catch (err) {
      if (!isFormError(err)) throw err;
      const status = err.kind === 'validation' ? 400 : 422;
      return await renderPage(ctx, req, res, {
        title: 'Quên mật khẩu',
        status,
        body: requestForm(req, login, err.message),
      });
    }
    await renderPage(ctx, req, res, {
      title: 'Quên mật khẩu',
      body: card(
        'Quên mật khẩu',
        html`${alert('ok', RESET_REQUESTED)}
          <p>Liên kết có hiệu lực trong 30 phút và chỉ dùng được một lần.</p>
          <p><a href="/login">Quay lại đăng nhập</a></p>`,
      ),
    });
  });
  const resetForm = (
    req: Parameters<typeof csrfField>[0],
    token: string,
    username: string,
    errors: Record<string, string>,
    message?: string,
  ) =>
    card(
      'Đặt mật khẩu mới',
      html`${message ? alert('error', message) : ''}
        <p>Tài khoản: <strong>${username}</strong></p>
        <form method="post" action="/reset-password" class="stack">
          ${csrfField(req)}<input type="hidden" name="token" value="${token}" />
          ${input('password', 'Mật khẩu mới', '', { type: 'password', required: true, max: 256, error: errors.password, autocomplete: 'new-password', hint: 'Ít nhất 8 ký tự, có cả chữ và số, không chứa tên đăng nhập, không phải mật khẩu phổ biến.' })}
          ${input('confirmPassword', 'Nhập lại mật khẩu mới', '', { type: 'password', required: true, max: 256, error: errors.confirmPassword, autocomplete: 'new-password' })}
          <button type="submit" class="primary">Đặt mật khẩu</button>
        </form>`,
    );
  const invalid = (message: string) =>
    card(
      'Đặt mật khẩu mới',
      html`${alert('error', message)}
        <p><a href="/forgot-password">Yêu cầu liên kết mới</a></p>`,
    );
  router.get('/reset-password', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    try {
      const user = await userOfResetLink(ctx, token);
      await renderPage(ctx, req, res, {
        title: 'Đặt mật khẩu mới',
        body: resetForm(req, token, user.username, {}),
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'rule') throw err;
      await renderPage(ctx, req, res, { title: 'Đặt mật khẩu mới', status: 410, body: invalid(err.message) });
    }
  });
  router.post('/reset-password', async (req, res) => {
    const token = field(req.body, 'token');
    const password = field(req.body, 'password');
    try {
      const user = await userOfResetLink(ctx, token);
      try {
        if (password !== field(req.body, 'confirmPassword')) {
          const message = 'Hai lần nhập mật khẩu mới không khớp.';
          throw new RuleError('password_mismatch', message, {
            fields: [{ field: 'confirmPassword', code: 'password_mismatch', message }],
          });
        }
        await completePasswordReset(ctx, { token, password });
      } catch (err) {
        if (!isFormError(err) || (err as AppError).code === 'reset_link_invalid') throw err;
        const body = resetForm(req, token, user.username, fieldMessages(err), err.message);
        return await renderPage(ctx, req, res, { title: 'Đặt mật khẩu mới', status: 422, body });
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'reset_link_invalid') throw err;
      return await renderPage(ctx, req, res, {
        title: 'Đặt mật khẩu mới',
        status: 410,
        body: invalid(err.message),
      });
    }
    flash(req, 'ok', 'Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu này.');
    await seeOther(req, res, '/login');
  });
  return router;
}
