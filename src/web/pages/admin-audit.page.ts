import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { adminActionLabel } from '../../audit/admin-action-labels';
import { listAdminEvents } from '../../audit/admin-events.service';
import { parseWith } from '../../http/validate';
import { pager, showDateTime } from '../components';
import { html } from '../html';
import { renderPage } from '../render';

const Query = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** /admin/audit: the append-only record of administrative changes, newest first. */
export function adminAuditPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/audit', async (req, res) => {
    const { page } = parseWith(Query, req.query, 'Tham số');
    const { items, total } = await listAdminEvents(ctx.ds.manager, page, 50);
    await renderPage(ctx, req, res, {
      title: 'Nhật ký quản trị',
      section: 'audit',
      body: html`<h1>Nhật ký quản trị</h1>
        <p>Mọi thay đổi về tài khoản, đơn vị, bộ tiêu chí, kế hoạch và ngày nghỉ; không thể sửa hay xóa.</p>
        ${
          items.length
            ? html`<div class="table-wrap">
                <table class="list">
                  <caption>
                    ${total} thay đổi
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Thời điểm</th>
                      <th scope="col">Người thực hiện</th>
                      <th scope="col">Thao tác</th>
                      <th scope="col">Nội dung</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${items.map(
                      (e) =>
                        html`<tr>
                          <td>${showDateTime(e.at)}</td>
                          <td>${e.actorUsername}</td>
                          <td>${adminActionLabel(e.action)}</td>
                          <td>${e.summary}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p class="empty">Chưa có thay đổi nào.</p>`
        }
        ${pager(new URLSearchParams(), page, 50, total, '/admin/audit')}`,
    });
  });
  return router;
}
