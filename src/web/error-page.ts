import type { ErrorRequestHandler } from 'express';
import type { AppContext } from '../app-context';
import { classifyError, statusOf, type ErrorLimits } from '../http/error-handler';
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

/**
 * Errors on pages (not /api) become a page in Vietnamese with the same classification and status as the
 * API (an oversized upload from a form says how large a file may be); our own bugs go on to the JSON
 * handler, which logs them.
 */
export function webErrorHandler(ctx: AppContext, limits: ErrorLimits): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (req.path.startsWith('/api/') || res.headersSent) return next(err);
    const appError = classifyError(err, limits);
    if (!appError) return next(err);
    if (appError.kind === 'unauthenticated') return res.redirect(303, '/login');
    const status = statusOf(appError);
    const title = TITLES[status] ?? 'Lỗi';
    renderPage(ctx, req, res, {
      title,
      status,
      body: html`<section class="card error-page">
        <h1>${title}</h1>
        <p>${appError.message}</p>
        <p><a href="/">Về trang Việc cần xử lý</a></p>
      </section>`,
    }).catch(next);
  };
}
