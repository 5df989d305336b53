import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { listNotifications, markAllRead, markRead } from '../../notifications/inbox.service';
import { showDateTime } from '../components';
import { html } from '../html';
import { csrfField } from '../layout';
import { renderPage, seeOther } from '../render';

/** /notifications: the user's notifications; opening one marks it read. */
export function notificationPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/notifications', async (req, res) => {
    const result = await listNotifications(ctx, currentUser(req), { page: 1, pageSize: 100 });
    await renderPage(ctx, req, res, {
      title: 'Thông báo',
      body: html`<h1>Thông báo</h1>
        ${result.unread ? html`<form method="post" action="/notifications/read-all">${csrfField(req)}<button type="submit">Đánh dấu tất cả đã đọc (${result.unread})</button></form>` : ''}
        ${
          result.items.length
            ? html`<ul class="notes">
                ${result.items.map(
                  (n) =>
                    html`<li class="${n.readAt ? 'read' : 'unread'}">
                      <form method="post" action="/notifications/${n.id}/open" class="inline">
                        ${csrfField(req)}<button type="submit" class="link">
                          ${n.readAt ? '' : html`<strong>Mới: </strong>`}${n.message}
                        </button>
                      </form>
                      <small>${showDateTime(n.createdAt)}</small>
                    </li>`,
                )}
              </ul>`
            : html`<p class="empty">Không có thông báo.</p>`
        }`,
    });
  });
  router.post('/notifications/read-all', async (req, res) => {
    await markAllRead(ctx, currentUser(req));
    await seeOther(req, res, '/notifications');
  });
  router.post('/notifications/:id/open', async (req, res) => {
    const n = await markRead(ctx, currentUser(req), String(req.params.id));
    await seeOther(req, res, n.dossierId ? `/dossiers/${n.dossierId}` : '/notifications');
  });
  return router;
}
