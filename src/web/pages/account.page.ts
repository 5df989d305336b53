import { Router, type Request, type Response } from 'express';
import { NOTIFICATION_KINDS } from '../../../entities/notification.entity';
import { ROLE_LABELS } from '../../../machines/domain';
import { accountView, changeOwnPassword, updateMailSettings } from '../../accounts/account.service';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { startSession } from '../../auth/session';
import { RuleError } from '../../http/errors';
import { NOTIFICATION_KIND_LABELS } from '../../mail/mail-templates';
import { fieldError, input } from '../components';
import { field, fieldMessages, formValues, isFormError, keepForm, keptHas, takeForm } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

/** Runs a form's work; on a refusal keeps what was typed and the messages for `back`, else flashes `ok`. */
async function submit(req: Request, res: Response, back: string, done: string, work: () => Promise<string>) {
  try {
    const message = await work();
    flash(req, 'ok', message);
    await seeOther(req, res, done);
  } catch (err) {
    if (!isFormError(err)) throw err;
    keepForm(req, back, { errors: fieldMessages(err), values: formValues(req.body) });
    flash(req, 'error', err.message);
    await seeOther(req, res, back);
  }
}

const passwordField = (name: string, label: string, error: string | undefined, autocomplete: string) =>
  input(name, label, '', { type: 'password', required: true, max: 256, error, autocomplete });

/** /account (profile, e-mail) and /account/password (change one's own password). */
export function accountPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/account', async (req, res) => {
    const user = currentUser(req);
    const account = await accountView(ctx.ds, user);
    const form = takeForm(req);
    const kept = Object.keys(form.values).length > 0;
    const email = kept ? (form.values.email ?? '') : (account.email ?? '');
    const kinds = kept
      ? NOTIFICATION_KINDS.filter((k) => keptHas(form.values.mailKinds, k))
      : account.mailKinds;
    const digest = kept ? form.values.mailDigest === '1' : account.mailDigest;
    await renderPage(ctx, req, res, {
      title: 'Tài khoản',
      section: 'account',
      body: html`<h1>Tài khoản của tôi</h1>
        <dl class="facts card">
          <dt>Tên đăng nhập</dt>
          <dd>${account.username}</dd>
          <dt>Họ tên</dt>
          <dd>${account.displayName}</dd>
          <dt>Vai trò</dt>
          <dd>${ROLE_LABELS[user.role]}</dd>
        </dl>
        <p><a class="button" href="/account/password">Đổi mật khẩu</a></p>
        <section class="card" aria-labelledby="mail-h">
          <h2 id="mail-h">Nhận thông báo qua e-mail</h2>
          <p class="muted">
            Thông báo luôn có trong mục "Thông báo" của hệ thống; chọn những loại muốn nhận thêm qua e-mail.
          </p>
          <form method="post" action="/account/mail" class="stack">
            ${csrfField(req)}
            ${input('email', 'Địa chỉ e-mail', email, { type: 'email', max: 254, error: form.errors.email, autocomplete: 'email', hint: 'Để trống nếu không muốn nhận e-mail. Địa chỉ này cũng dùng để lấy lại mật khẩu khi quên.' })}
            <fieldset>
              <legend>Loại thông báo gửi qua e-mail</legend>
              ${NOTIFICATION_KINDS.map(
                (k) =>
                  html`<label class="check"
                    ><input
                      type="checkbox"
                      name="mailKinds"
                      value="${k}"
                      ${kinds.includes(k) ? 'checked' : ''}
                    />
                    ${NOTIFICATION_KIND_LABELS[k]}</label
                  >`,
              )}
              ${fieldError('mailKinds', form.errors.mailKinds)}
            </fieldset>
            <fieldset>
              <legend>Cách gửi</legend>
              <label class="check"
                ><input type="radio" name="mailDigest" value="0" ${digest ? '' : 'checked'} /> Gửi ngay từng
                thông báo</label
              >
              <label class="check"
                ><input type="radio" name="mailDigest" value="1" ${digest ? 'checked' : ''} /> Gộp thành một
                bản tin mỗi ngày</label
              >
            </fieldset>
            <button type="submit" class="primary">Lưu</button>
          </form>
        </section>`,
    });
  });
  router.post('/account/mail', async (req, res) => {
    await submit(req, res, '/account', '/account', async () => {
      const kinds = ([] as unknown[]).concat((req.body as Record<string, unknown>).mailKinds ?? []);
      await updateMailSettings(ctx.ds, currentUser(req), {
        email: field(req.body, 'email'),
        mailKinds: kinds.filter((k) => typeof k === 'string'),
        mailDigest: field(req.body, 'mailDigest') === '1',
      });
      return 'Đã lưu cách nhận thông báo qua e-mail.';
    });
  });
  router.get('/account/password', async (req, res) => {
    const user = currentUser(req);
    const form = takeForm(req);
    await renderPage(ctx, req, res, {
      title: 'Đổi mật khẩu',
      section: 'account',
      body: html`<h1>Đổi mật khẩu</h1>
        ${
          user.mustChangePassword
            ? html`<div class="flash error" role="alert">
                Bạn đang dùng mật khẩu dùng một lần do quản trị viên cấp. Hãy đặt mật khẩu của riêng bạn để
                tiếp tục làm việc.
              </div>`
            : ''
        }
        <form method="post" action="/account/password" class="stack card">
          ${csrfField(req)}
          ${passwordField('currentPassword', user.mustChangePassword ? 'Mật khẩu dùng một lần' : 'Mật khẩu hiện tại', form.errors.currentPassword, 'current-password')}
          ${passwordField('newPassword', 'Mật khẩu mới', form.errors.newPassword, 'new-password')}
          <p class="hint" id="pw-rule">
            Ít nhất 8 ký tự, có cả chữ và số, không chứa tên đăng nhập, không phải mật khẩu phổ biến.
          </p>
          ${passwordField('confirmPassword', 'Nhập lại mật khẩu mới', form.errors.confirmPassword, 'new-password')}
          <button type="submit" class="primary">Đổi mật khẩu</button>
        </form>
        <p class="muted">
          Sau khi đổi, các phiên đăng nhập khác của tài khoản (máy khác, trình duyệt khác) kết thúc.
        </p>`,
    });
  });
  router.post('/account/password', async (req, res) => {
    const user = currentUser(req);
    await submit(req, res, '/account/password', '/', async () => {
      const newPassword = field(req.body, 'newPassword');
      if (newPassword !== field(req.body, 'confirmPassword')) {
        const message = 'Hai lần nhập mật khẩu mới không khớp.';
        throw new RuleError('password_mismatch', message, {
          fields: [{ field: 'confirmPassword', code: 'password_mismatch', message }],
        });
      }
      await changeOwnPassword(ctx.ds, user, {
        currentPassword: field(req.body, 'currentPassword'),
        newPassword,
      });
      await startSession(req, user.id);
      return 'Đã đổi mật khẩu.';
    });
  });
  return router;
}
