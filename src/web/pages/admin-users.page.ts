import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../http/errors';
import { ROLE_LABELS, ROLES } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { parseWith } from '../../http/validate';
import { listAllPlaces } from '../../units/units.service';
import {
  createUser,
  getUser,
  listUsers,
  resetUserPassword,
  setUserActive,
  updateUserRole,
} from '../../users/users.service';
import { fieldError, input, pager, select } from '../components';
import {
  errorId,
  field,
  fieldMessages,
  formValues,
  isFormError,
  keepForm,
  takeForm,
  type FormState,
} from '../forms';
import { html, type SafeHtml } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const ROLE_OPTIONS = ROLES.map((r) => [r, ROLE_LABELS[r]] as const);
const Query = z.object({
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/**
 * The unit of a unit officer, chosen by name: typed with or without accents ("thuong nong"); with script,
 * the list under the field offers the matching units as one types (GET /api/units?q=); without, the server
 * finds the unit by name or code and says so beside the field when the name matches several.
 */
function unitPicker(value: string, error: string | undefined): SafeHtml {
  return html`<div class="field">
    <label for="f-unit">Đơn vị (cán bộ đơn vị): gõ tên hoặc mã</label>
    <input
      id="f-unit"
      name="unit"
      value="${value}"
      maxlength="200"
      list="unit-options"
      autocomplete="off"
      data-unit-picker
      aria-describedby="unit-hint${error ? html` ${errorId('unit')}` : ''}"
      ${error ? html` aria-invalid="true"` : ''}
    />
    <datalist id="unit-options"></datalist>
    <small class="hint" id="unit-hint">Ví dụ: Thượng Nông, thuong nong hoặc NH-THUONGNONG.</small>
    ${fieldError('unit', error)}
  </div>`;
}

/** Role and scope fields, shared by the create and edit forms. */
async function scopeFields(ctx: AppContext, form: FormState, prefix = ''): Promise<SafeHtml> {
  const { provinces, districts } = await listAllPlaces(ctx);
  const provinceName = new Map(provinces.map((p) => [p.id, p.name]));
  const v = (k: string) => form.values[prefix + k] ?? form.values[k] ?? '';
  return html`${select('role', 'Vai trò', ROLE_OPTIONS, v('role'), { required: true, error: form.errors.role })}
  ${select(
    'province',
    'Tỉnh (mọi vai trò trừ quản trị)',
    provinces.map((p) => [p.code, p.name] as const),
    v('province'),
    { empty: '—', error: form.errors.province },
  )}
  ${select(
    'district',
    'Huyện (cán bộ cấp huyện)',
    districts.map((d) => [d.code, `${d.name} — ${provinceName.get(d.provinceId) ?? ''}`] as const),
    v('district'),
    { empty: '—', error: form.errors.district },
  )}
  ${unitPicker(v('unit'), form.errors.unit)}`;
}

async function listUsersById(ctx: AppContext, id: string) {
  const user = await getUser(ctx.ds, id);
  const { items } = await listUsers(ctx.ds, { q: user.username, page: 1, pageSize: 50 });
  const found = items.find((u) => u.id === id);
  if (!found) throw new NotFoundError('user_not_found', 'Không tìm thấy tài khoản.');
  return found;
}

/** /admin/users: list, create, disable/enable, reset password, change role and scope. */
export function adminUserPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/users', async (req, res) => {
    const query = parseWith(Query, req.query, 'Tham số');
    const result = await listUsers(ctx.ds, { q: query.q, page: query.page, pageSize: 50 });
    const form = takeForm(req);
    const me = currentUser(req);
    const rows = result.items.map(
      (u) =>
        html`<tr>
          <td>${u.username}</td>
          <td>${u.displayName}</td>
          <td>${ROLE_LABELS[u.role]}</td>
          <td>${u.scope ?? '—'}</td>
          <td>${u.active ? 'Đang hoạt động' : html`<strong>Đã khóa</strong>`}</td>
          <td class="row-actions">
            ${u.id === me.id ? '' : html`<form method="post" action="/admin/users/${u.id}/${u.active ? 'disable' : 'enable'}" class="inline" ${u.active ? html` data-confirm="Khóa tài khoản ${u.username}? Người dùng không đăng nhập được cho đến khi được mở khóa."` : ''}>${csrfField(req)}<button type="submit" class="${u.active ? 'danger' : ''}">${u.active ? 'Khóa' : 'Mở khóa'}</button></form>`}
            <form
              method="post"
              action="/admin/users/${u.id}/password"
              class="inline"
              data-confirm="Đặt lại mật khẩu của ${u.username}? Mật khẩu hiện tại thôi dùng được, mọi phiên đăng nhập của tài khoản kết thúc; bạn nhận một mật khẩu dùng một lần để trao cho người dùng."
            >
              ${csrfField(req)}<button type="submit">Đặt lại mật khẩu</button>
            </form>
            <a class="button" href="/admin/users/${u.id}/edit">Vai trò, phạm vi</a>
          </td>
        </tr>`,
    );
    await renderPage(ctx, req, res, {
      title: 'Người dùng',
      section: 'users',
      body: html`<h1>Người dùng</h1>
        <form method="get" action="/admin/users" class="filters" role="search">
          ${input('q', 'Tìm theo tên', query.q ?? '', { max: 100 })}<button type="submit">Tìm</button>
        </form>
        <div class="table-wrap">
          <table class="list">
            <caption>
              ${result.total} tài khoản
            </caption>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ tên</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Phạm vi</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </div>
        ${pager(new URLSearchParams(query.q ? { q: query.q } : {}), query.page, 50, result.total, '/admin/users')}
        <section class="card" aria-labelledby="new-user">
          <h2 id="new-user">Tạo tài khoản</h2>
          <form method="post" action="/admin/users" class="stack">
            ${csrfField(req)}
            ${input('username', 'Tên đăng nhập', form.values.username ?? '', { required: true, max: 64, error: form.errors.username, autocomplete: 'off' })}
            ${input('displayName', 'Họ tên', form.values.displayName ?? '', { required: true, max: 200, error: form.errors.displayName })}
            ${input('password', 'Mật khẩu ban đầu (để trống: hệ thống cấp mật khẩu dùng một lần)', '', { type: 'password', error: form.errors.password, autocomplete: 'new-password', hint: 'Người dùng phải đổi mật khẩu này khi đăng nhập lần đầu.' })}
            ${await scopeFields(ctx, form)} <button type="submit" class="primary">Tạo tài khoản</button>
          </form>
        </section>`,
    });
  });

  const formAction = async (
    req: Parameters<typeof takeForm>[0],
    res: Parameters<typeof seeOther>[1],
    work: () => Promise<string>,
    onError = '/admin/users',
  ) => {
    try {
      flash(req, 'ok', await work());
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, onError, { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
      return await seeOther(req, res, onError);
    }
    await seeOther(req, res, '/admin/users');
  };
  const optional = (body: unknown, name: string) => field(body, name) || undefined;
  router.post('/admin/users', async (req, res) => {
    await formAction(req, res, async () => {
      const user = await createUser(
        ctx.ds,
        {
          username: field(req.body, 'username'),
          password: field(req.body, 'password'),
          displayName: field(req.body, 'displayName'),
          role: field(req.body, 'role'),
          province: optional(req.body, 'province'),
          district: optional(req.body, 'district'),
          unit: optional(req.body, 'unit'),
        },
        currentUser(req),
      );
      return user.oneTimePassword
        ? `Đã tạo tài khoản ${user.username}. Mật khẩu dùng một lần của ${user.username}: ${user.oneTimePassword} — trao trực tiếp cho người dùng; họ phải đổi mật khẩu khi đăng nhập.`
        : `Đã tạo tài khoản ${user.username}. Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.`;
    });
  });
  for (const action of ['disable', 'enable'] as const) {
    router.post(`/admin/users/:id/${action}`, async (req, res) => {
      await formAction(req, res, async () => {
        const user = await setUserActive(
          ctx.ds,
          currentUser(req),
          String(req.params.id),
          action === 'enable',
        );
        return user.active ? `Đã mở khóa ${user.username}.` : `Đã khóa ${user.username}.`;
      });
    });
  }
  router.get('/admin/users/:id/edit', async (req, res) => {
    const found = await listUsersById(ctx, String(req.params.id));
    const form = takeForm(req);
    const values = Object.keys(form.values).length ? form.values : { role: found.role, ...found.codes };
    await renderPage(ctx, req, res, {
      title: `Vai trò của ${found.username}`,
      section: 'users',
      body: html`<h1>Vai trò và phạm vi: ${found.displayName} (${found.username})</h1>
        <form method="post" action="/admin/users/${found.id}/role" class="stack card">
          ${csrfField(req)} ${await scopeFields(ctx, { errors: form.errors, values })}
          <button type="submit" class="primary">Lưu</button> <a href="/admin/users">Quay lại danh sách</a>
        </form>`,
    });
  });
  router.post('/admin/users/:id/password', async (req, res) => {
    await formAction(req, res, async () => {
      const id = String(req.params.id);
      const password = await resetUserPassword(ctx.ds, currentUser(req), id);
      const user = await getUser(ctx.ds, id);
      return `Mật khẩu dùng một lần của ${user.username}: ${password} — trao trực tiếp cho người dùng; họ phải đổi mật khẩu khi đăng nhập.`;
    });
  });
  router.post('/admin/users/:id/role', async (req, res) => {
    await formAction(
      req,
      res,
      async () => {
        await updateUserRole(ctx.ds, currentUser(req), String(req.params.id), {
          role: field(req.body, 'role'),
          province: optional(req.body, 'province'),
          district: optional(req.body, 'district'),
          unit: optional(req.body, 'unit'),
        });
        return 'Đã cập nhật vai trò và phạm vi.';
      },
      `/admin/users/${String(req.params.id)}/edit`,
    );
  });
  return router;
}
