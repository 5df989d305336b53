import type { ErrorRequestHandler } from 'express';
import type { AppContext } from '../app-context';
import { AppError } from '../http/errors';
import { html } from './html';
import { renderPage } from './render';

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  403: 'Không có quyền truy cập',
  404: 'Không tìm thấy',
  409: 'Xung đột dữ liệu',
  413: 'Tệp quá lớn',
  422: 'Không thực hiện được',
  429: 'Thử lại sau',
};
const STATUS: Record<AppError['kind'], number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rule: 422,
  too_many_requests: 429,
};

/**
 * Errors on pages (not /api) become a page in Vietnamese with the same status code the API would give;
 * anything else goes on to the JSON error handler (which also logs our own bugs).
 */
export function webErrorHandler(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (req.path.startsWith('/api/') || !(err instanceof AppError) || res.headersSent) return next(err);
    if (err.kind === 'unauthenticated') return res.redirect(303, '/login');
    const status = STATUS[err.kind];
    const title = TITLES[status] ?? 'Lỗi';
    renderPage(ctx, req, res, {
      title,
      status,
      body: html`<section class="card error-page">
        <h1>${title}</h1>
        <p>${err.message}</p>
        <p><a href="/">Về trang Việc cần xử lý</a></p>
      </section>`,
    }).catch(next);
  };
}
