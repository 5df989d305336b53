import { Router } from 'express';
import { UNIT_TYPE_LABELS } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import {
  activateCriteriaSetById,
  markCriteriaSetOfficial,
  getCriteriaSet,
  listCriteriaSets,
} from '../../criteria/criteria.service';
import { csrfToken } from '../../http/csrf';
import { fileImportForm } from '../components';
import { field } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';
import { criteriaItemsTable } from './criteria-items.html';

/** /admin/criteria: versions, one version's items, import JSON, activate a version. */
export function adminCriteriaPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/criteria', async (req, res) => {
    const sets = await listCriteriaSets(ctx);
    await renderPage(ctx, req, res, {
      title: 'Bộ tiêu chí',
      section: 'criteria',
      body: html`<h1>Bộ tiêu chí</h1>
        <div class="table-wrap">
          <table class="list">
            <caption>
              Các phiên bản bộ tiêu chí
            </caption>
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Phiên bản</th>
                <th scope="col">Tên</th>
                <th scope="col">Áp dụng cho</th>
                <th scope="col">Số tiêu chí</th>
                <th scope="col">Điểm đạt</th>
                <th scope="col">Hiệu lực</th>
              </tr>
            </thead>
            <tbody>
              ${sets.map(
                (s) =>
                  html`<tr>
                    <td>${s.code}</td>
                    <td>${s.version}</td>
                    <td><a href="/admin/criteria/${s.id}">${s.title}</a></td>
                    <td>${s.unitTypes.map((t) => UNIT_TYPE_LABELS[t]).join(', ')}</td>
                    <td>${s.itemCount}</td>
                    <td>${s.passingScore}</td>
                    <td>
                      ${s.active ? html`<strong>Đang áp dụng</strong>` : html`<form method="post" action="/admin/criteria/${s.id}/activate" class="inline">${csrfField(req)}<button type="submit">Áp dụng phiên bản này</button></form>`}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <section class="card" aria-labelledby="import-criteria">
          <h2 id="import-criteria">Nhập bộ tiêu chí (Excel hoặc JSON)</h2>
          <p>
            Mỗi phiên bản là bất biến; hồ sơ đang mở giữ phiên bản đã dùng khi đăng ký. Điền
            <a href="/admin/criteria/template.xlsx">tệp Excel mẫu</a> (hoặc tải một phiên bản hiện có để soạn
            phiên bản mới), tải lên, xem trước rồi xác nhận.
          </p>
          ${fileImportForm(
            csrfToken(req),
            '/admin/criteria/import',
            { id: 'f-json', label: 'Tệp Excel (.xlsx) hoặc JSON', accept: '.xlsx,.json,application/json' },
            html`<label class="check"
              ><input type="checkbox" name="activate" value="1" /> Áp dụng ngay cho hồ sơ đăng ký mới</label
            >`,
            'Tải lên và xem trước',
          )}
        </section>`,
    });
  });

  router.get('/admin/criteria/:id', async (req, res) => {
    const set = await getCriteriaSet(ctx, String(req.params.id));
    await renderPage(ctx, req, res, {
      title: set.title,
      section: 'criteria',
      body: html`<h1>${set.title} <small>phiên bản ${set.version}</small></h1>
        <p>${set.legalBasis ?? ''}</p>
        <p>
          Điểm đạt: <strong>${set.passingScore}</strong>/${set.maxTotal} ·
          ${set.active ? 'Đang áp dụng' : 'Không áp dụng'} ·
          ${set.official ? html`<strong>Bộ tiêu chí chính thức của Bộ Công an</strong>` : 'Bộ tiêu chí tái lập (không chính thức)'}
        </p>
        <p><a href="/admin/criteria/${set.id}/xlsx">Tải về Excel để soạn phiên bản ${set.version + 1}</a></p>
        <form method="post" action="/admin/criteria/${set.id}/official" class="inline">
          ${csrfField(req)}<input type="hidden" name="official" value="${set.official ? '0' : '1'}" />
          <button type="submit">
            ${set.official ? 'Bỏ đánh dấu chính thức' : 'Đánh dấu là bộ tiêu chí chính thức (QĐ 9745/QĐ-BCA-V05)'}
          </button>
        </form>
        ${criteriaItemsTable(set.items, `${set.items.length} tiêu chí`)}
        <p><a href="/admin/criteria">Quay lại</a></p>`,
    });
  });

  router.post('/admin/criteria/:id/official', async (req, res) => {
    const official = field(req.body, 'official') === '1';
    const set = await markCriteriaSetOfficial(ctx, currentUser(req), String(req.params.id), official);
    flash(
      req,
      'ok',
      official
        ? `Đã đánh dấu ${set.title} phiên bản ${set.version} là bộ tiêu chí chính thức; quyết định sẽ viện dẫn căn cứ của bộ này.`
        : `Đã bỏ đánh dấu chính thức của ${set.title} phiên bản ${set.version}.`,
    );
    await seeOther(req, res, `/admin/criteria/${set.id}`);
  });

  router.post('/admin/criteria/:id/activate', async (req, res) => {
    const set = await activateCriteriaSetById(ctx, currentUser(req), String(req.params.id));
    flash(req, 'ok', `Đã áp dụng ${set.title} phiên bản ${set.version}.`);
    await seeOther(req, res, '/admin/criteria');
  });
  return router;
}
