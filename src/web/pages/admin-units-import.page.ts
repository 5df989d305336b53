import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { uploadOne } from '../../attachments/attachments.routes';
import { currentUser } from '../../auth/require-user';
import { ValidationError } from '../../http/errors';
import { importUnitsCsv } from '../../units/units-import';
import { exportUnitsCsv, previewUnitsCsv, type ImportPreview } from '../../units/units-preview';
import { field, isFormError } from '../forms';
import { html, type SafeHtml } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const ACTIONS = { create: 'Thêm mới', update: 'Cập nhật', unchanged: 'Không đổi' } as const;

function errorTable(preview: ImportPreview): SafeHtml {
  return html`<div class="table-wrap">
    <table class="list">
      <caption>
        ${preview.errors.length} dòng có lỗi: sửa trong tệp rồi tải lên lại; chưa dòng nào được ghi
      </caption>
      <thead>
        <tr>
          <th scope="col">Dòng</th>
          <th scope="col">Lỗi</th>
        </tr>
      </thead>
      <tbody>
        ${preview.errors.map(
          (e) =>
            html`<tr>
              <td data-label="Dòng">${e.line}</td>
              <td data-label="Lỗi">${e.messages.join(' ')}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function changeTable(preview: ImportPreview): SafeHtml {
  const count = (a: keyof typeof ACTIONS) => preview.rows.filter((r) => r.action === a).length;
  return html`<div class="table-wrap">
    <table class="list">
      <caption>
        ${count('create')} đơn vị mới, ${count('update')} cập nhật, ${count('unchanged')} không đổi
      </caption>
      <thead>
        <tr>
          <th scope="col">Dòng</th>
          <th scope="col">Mã</th>
          <th scope="col">Tên</th>
          <th scope="col">Thay đổi</th>
        </tr>
      </thead>
      <tbody>
        ${preview.rows.map(
          (r) =>
            html`<tr>
              <td data-label="Dòng">${r.line}</td>
              <td data-label="Mã">${r.code}</td>
              <td data-label="Tên">${r.name}</td>
              <td data-label="Thay đổi">
                <strong>${ACTIONS[r.action]}</strong>${
                  r.changes.length
                    ? html`<ul>
                        ${r.changes.map((c) => html`<li>${c}</li>`)}
                      </ul>`
                    : ''
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/**
 * /admin/units/import: a CSV is first shown as what it would change (new, updated — which fields —,
 * unchanged) with every wrong row and its problems; only a confirmed, fully correct file is written.
 * /admin/units/export.csv: the units in the same columns, to edit and import back.
 */
export function adminUnitImportPages(ctx: AppContext): Router {
  const router = Router();
  router.post('/admin/units/import', ...uploadOne(ctx), async (req, res) => {
    let csv: string;
    let preview: ImportPreview;
    try {
      if (!req.file) throw new ValidationError('file_required', 'Vui lòng chọn tệp CSV.');
      csv = req.file.buffer.toString('utf8');
      preview = await previewUnitsCsv(ctx.ds, csv);
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
      return await seeOther(req, res, '/admin/units');
    }
    const ok = preview.errors.length === 0;
    await renderPage(ctx, req, res, {
      title: 'Xem trước nhập đơn vị',
      section: 'units',
      status: ok ? 200 : 422,
      body: html`<h1>Xem trước nhập đơn vị từ "${req.file?.originalname ?? 'tệp CSV'}"</h1>
        ${
          ok
            ? html`<p>Kiểm tra các thay đổi dưới đây; chưa có gì được ghi cho đến khi bạn xác nhận.</p>`
            : html`<div class="flash error" role="alert">
                Tệp có ${preview.errors.length} dòng lỗi nên không thể nhập. Sửa các dòng dưới đây rồi tải lên
                lại.
              </div>`
        }
        ${ok ? '' : errorTable(preview)} ${changeTable(preview)}
        ${
          ok
            ? html`<form method="post" action="/admin/units/import/confirm" class="stack">
                ${csrfField(req)}<input type="hidden" name="csv" value="${csv}" />
                <button type="submit" class="primary">Xác nhận nhập ${preview.rows.length} dòng</button>
              </form>`
            : ''
        }
        <p><a href="/admin/units">Quay lại danh sách đơn vị</a></p>`,
    });
  });
  router.post('/admin/units/import/confirm', async (req, res) => {
    try {
      const report = await importUnitsCsv(ctx.ds, field(req.body, 'csv'), currentUser(req));
      if (report.errors.length) {
        const lines = report.errors.map((e) => `Dòng ${e.line}: ${e.messages.join(' ')}`);
        flash(req, 'error', `Không nhập được (không dòng nào được ghi). ${lines.slice(0, 20).join(' · ')}`);
      } else {
        flash(req, 'ok', `Đã nhập: ${report.created} đơn vị mới, ${report.updated} đơn vị cập nhật.`);
      }
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, '/admin/units');
  });
  router.get('/admin/units/export.csv', async (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment('don-vi.csv')
      .send(await exportUnitsCsv(ctx.ds));
  });
  return router;
}
