import type { Request } from 'express';
import type { CurrentUser } from '../auth/current-user';
import { may } from '../auth/permissions';
import { csrfToken, CSRF_FIELD } from '../http/csrf';
import { html, type HtmlValue, type SafeHtml } from './html';

declare module '../auth/session-types' {
  interface SessionData {
    /** One message shown on the next page (after a redirect). */
    flash?: { kind: 'ok' | 'error'; text: string };
  }
}

/** What the header shows of the logged-in user. */
export interface HeaderUser {
  user: CurrentUser;
  roleLabel: string;
  scopeName: string | null;
  unread: number;
}

export interface PageOptions {
  title: string;
  req: Request;
  who?: HeaderUser;
  /** The nav entry to mark current. */
  section?: string;
  body: HtmlValue;
}

/** A hidden CSRF field for a form of this session. */
export const csrfField = (req: Request): SafeHtml =>
  html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(req)}" />`;

/** Sets the message for the next page. */
export function flash(req: Request, kind: 'ok' | 'error', text: string): void {
  req.session.flash = { kind, text };
}

function takeFlash(req: Request): SafeHtml | '' {
  const f = req.session?.flash;
  if (!f) return '';
  delete req.session.flash;
  return html`<div class="flash ${f.kind}" role="${f.kind === 'error' ? 'alert' : 'status'}">${f.text}</div>`;
}

function navItems(user: CurrentUser): [string, string, string][] {
  const items: [string, string, string][] = [
    ['inbox', '/', 'Việc cần xử lý'],
    ['dossiers', '/dossiers', 'Hồ sơ'],
  ];
  if (may(user, 'decision.read')) items.push(['decisions', '/decisions', 'Quyết định']);
  if (may(user, 'decision.read')) items.push(['meetings', '/meetings', 'Họp Hội đồng']);
  if (may(user, 'register.read')) items.push(['register', '/register', 'Sổ văn bản']);
  if (may(user, 'reports.read')) items.push(['reports', '/reports', 'Báo cáo']);
  if (may(user, 'reports.national')) items.push(['national', '/reports/national', 'Toàn quốc']);
  items.push(['plans', '/plans', 'Kế hoạch']);
  if (may(user, 'admin.manage')) {
    items.push(['users', '/admin/users', 'Người dùng']);
    items.push(['units', '/admin/units', 'Đơn vị']);
    items.push(['criteria', '/admin/criteria', 'Bộ tiêu chí']);
    items.push(['holidays', '/admin/holidays', 'Ngày nghỉ']);
    items.push(['audit', '/admin/audit', 'Nhật ký']);
    items.push(['mail', '/admin/mail', 'Thư đi']);
    items.push(['legal-bases', '/admin/legal-bases', 'Căn cứ pháp lý']);
    items.push(['councils', '/admin/councils', 'Hội đồng']);
  }
  // Also on a phone, where the header hides the name that links to it.
  items.push(['account', '/account', 'Tài khoản']);
  return items;
}

function header(req: Request, who: HeaderUser, section: string | undefined): SafeHtml {
  const nav = navItems(who.user).map(
    ([key, href, label]) =>
      html`<li><a href="${href}" ${key === section ? html` aria-current="page"` : ''}>${label}</a></li>`,
  );
  return html`<header class="top">
    <div class="brand"><a href="/">Điển hình</a></div>
    <details class="nav-menu" open>
      <summary>Menu</summary>
      <nav aria-label="Chức năng chính">
        <ul>
          ${nav}
        </ul>
      </nav>
    </details>
    <div class="who">
      <a class="bell" href="/notifications"
        >Thông báo${who.unread ? html` <span class="badge">${who.unread}</span>` : ''}</a
      >
      <a class="help" href="/help/${who.user.role}">Hướng dẫn</a>
      <a class="name" href="/account" title="Tài khoản của tôi">${who.user.displayName}</a>
      <span class="role">${who.roleLabel}${who.scopeName ? html` · ${who.scopeName}` : ''}</span>
      <form method="post" action="/logout" class="inline">
        ${csrfField(req)}<button type="submit" class="link">Đăng xuất</button>
      </form>
    </div>
  </header>`;
}

/** The whole page: one stylesheet, one script file, no inline script or style (CSP). */
export function page(opts: PageOptions): string {
  const token = opts.req.session ? csrfToken(opts.req) : '';
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content="${token}" />
        <title>${opts.title} — Điển hình</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
        ${
          opts.who
            ? header(opts.req, opts.who, opts.section)
            : html`<header class="top">
                <div class="brand"><a href="/">Điển hình</a></div>
                <div class="who">
                  <a class="help" href="/registry">Danh sách điển hình</a>
                  <a class="help" href="/help">Hướng dẫn</a>
                </div>
              </header>`
        }
        <main id="main" tabindex="-1">${takeFlash(opts.req)} ${opts.body}</main>
        <footer class="foot">
          Hệ thống Điển hình — công nhận điển hình phong trào toàn dân bảo vệ an ninh Tổ quốc ·
          <a href="/registry">Danh sách đơn vị điển hình</a> ·
          <a href="/nominees">Công khai danh sách đề nghị</a>
        </footer>
      </body>
    </html>`.value;
}
