import { Router } from 'express';
import type { PassportStatic } from 'passport';
import type { AppContext } from '../../app-context';
import { logIn, logOut } from '../../auth/login';
import { LoginBody } from '../../auth/session.routes';
import { User } from '../../../entities';
import { ROLE_LABELS, ROLES } from '../../../machines/domain';
import { DEMO_PASSWORD } from '../../demo/load-demo-data';
import { AppError } from '../../http/errors';
import { parseWith } from '../../http/validate';
import { html, type HtmlValue } from '../html';
import { csrfField } from '../layout';
import { field } from '../forms';
import { renderPage, seeOther } from '../render';

/** Only local paths are followed after login (no open redirect). */
function safeNext(next: string): string {
  return /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

/** The demo accounts, so that whoever tries the demo can log in; shown only where they exist. */
async function demoAccounts(ctx: AppContext) {
  const users = await ctx.ds.getRepository(User).find({
    where: { demo: true, active: true },
    select: { username: true, role: true, displayName: true },
    order: { username: 'ASC' },
    take: 100,
  });
  if (users.length === 0) return '';
  users.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  return html`<details class="card demo-accounts">
    <summary>Tài khoản dùng thử (bản trình diễn)</summary>
    <p>
      Đây là bản trình diễn với dữ liệu mẫu. Các tài khoản dưới đây dùng chung mật khẩu
      <code>${DEMO_PASSWORD}</code>; không dùng cho dữ liệu thật.
    </p>
    <ul>
      ${users.map((u) => html`<li><code>${u.username}</code> — ${ROLE_LABELS[u.role]} (${u.displayName})</li>`)}
    </ul>
  </details>`;
}

function loginForm(
  req: Parameters<typeof csrfField>[0],
  next: string,
  username: string,
  error?: string,
  demo: HtmlValue = '',
) {
  return html`<section class="login card">
      <h1>Đăng nhập</h1>
      <p class="muted">Hệ thống công nhận điển hình phong trào toàn dân bảo vệ an ninh Tổ quốc</p>
      ${error ? html`<div class="flash error" role="alert" id="login-error">${error}</div>` : ''}
      <form method="post" action="/login" class="stack">
        ${csrfField(req)}
        <input type="hidden" name="next" value="${next}" />
        <label for="username">Tên đăng nhập</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          required
          maxlength="64"
          value="${username}"
          ${error ? html` aria-describedby="login-error"` : ''}
          autofocus
        />
        <label for="password">Mật khẩu</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="256"
        />
        <button type="submit" class="primary">Đăng nhập</button>
      </form>
      <p><a href="/forgot-password">Quên mật khẩu?</a></p>
    </section>
    ${demo}`;
}

/** GET/POST /login, POST /logout. */
export function loginPages(ctx: AppContext, passport: PassportStatic): Router {
  const router = Router();
  router.get('/login', async (req, res) => {
    if (req.user) return await seeOther(req, res, '/');
    const next = safeNext(typeof req.query.next === 'string' ? req.query.next : '/');
    const body = loginForm(req, next, '', undefined, await demoAccounts(ctx));
    await renderPage(ctx, req, res, { title: 'Đăng nhập', body });
  });
  router.post('/login', async (req, res, nextFn) => {
    const next = safeNext(field(req.body, 'next') || '/');
    const username = field(req.body, 'username');
    try {
      req.body = parseWith(LoginBody, { username, password: field(req.body, 'password') }, 'Đăng nhập');
      await logIn(ctx, passport, req, res, nextFn);
    } catch (err) {
      const locked = err instanceof AppError && err.code === 'account_locked';
      if (!(err instanceof AppError) || (err.kind === 'forbidden' && !locked)) throw err;
      const message = err.kind === 'validation' ? 'Vui lòng nhập tên đăng nhập và mật khẩu.' : err.message;
      const status = { too_many_requests: 429, validation: 400, forbidden: 403 }[err.kind as string] ?? 401;
      await renderPage(ctx, req, res, {
        title: 'Đăng nhập',
        status,
        body: loginForm(req, next, username, message, await demoAccounts(ctx)),
      });
      return;
    }
    await seeOther(req, res, next);
  });
  router.post('/logout', async (req, res) => {
    if (req.user) await logOut(req);
    await seeOther(req, res, '/login');
  });
  return router;
}
