import { Router } from 'express';
import { z } from 'zod';
import { MailMessage } from '../../../entities';
import type { MailStatus } from '../../../entities/mail-message.entity';
import type { AppContext } from '../../app-context';
import { parseWith } from '../../http/validate';
import { pager, showDateTime } from '../components';
import { html } from '../html';
import { renderPage } from '../render';

const STATUS_LABELS: Record<MailStatus, string> = {
  pending: 'Chờ gửi',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  failed: 'Không gửi được',
  expired: 'Quá hạn, không gửi',
};
const Query = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** /admin/mail: the outbox, newest first: to whom, what, and what became of it (never the links). */
export function adminMailPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/mail', async (req, res) => {
    const { page } = parseWith(Query, req.query, 'Tham số');
    const [items, total] = await ctx.ds.getRepository(MailMessage).findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * 50,
      take: 50,
    });
    const mail = ctx.config.mail;
    await renderPage(ctx, req, res, {
      title: 'Thư đi',
      section: 'mail',
      body: html`<h1>Thư đi (e-mail)</h1>
        <p>
          ${
            mail
              ? html`Gửi qua máy chủ ${mail.host}:${mail.port}, người gửi ${mail.from}.`
              : html`<strong>Chưa cấu hình máy chủ gửi thư (SMTP_HOST)</strong>: thư được giữ ở đây, không
                  gửi.`
          }
        </p>
        <div class="table-wrap">
          <table class="list">
            <caption>
              ${total} thư
            </caption>
            <thead>
              <tr>
                <th scope="col">Thời điểm</th>
                <th scope="col">Người nhận</th>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Lỗi gần nhất</th>
              </tr>
            </thead>
            <tbody>
              ${items.map(
                (m) =>
                  html`<tr>
                    <td data-label="Thời điểm">${showDateTime(m.createdAt)}</td>
                    <td data-label="Người nhận">${m.toAddress}</td>
                    <td data-label="Tiêu đề">${m.subject}</td>
                    <td data-label="Tình trạng">
                      ${STATUS_LABELS[m.status]}${m.attempts > 1 ? ` (${m.attempts} lần thử)` : ''}
                    </td>
                    <td data-label="Lỗi gần nhất">${m.lastError ?? '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${pager(new URLSearchParams(), page, 50, total, '/admin/mail')}`,
    });
  });
  return router;
}
