import { Router, type Request } from 'express';
import { UNIT_TYPE_LABELS, type UnitType } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { uploadOne } from '../../attachments/attachments.routes';
import { currentUser } from '../../auth/require-user';
import { checkCriteriaSet, type CriteriaSetImport } from '../../criteria/criteria-import';
import { getCriteriaSet, importCriteriaSetJson } from '../../criteria/criteria.service';
import { readCriteriaXlsx, writeCriteriaXlsx } from '../../criteria/criteria-xlsx';
import { AppError, ValidationError } from '../../http/errors';
import { field, isFormError } from '../forms';
import { html, type SafeHtml } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';
import { criteriaItemsTable } from './criteria-items.html';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The set in an uploaded file: an Excel workbook (template layout) or JSON. */
async function readUpload(file: Express.Multer.File): Promise<unknown> {
  // A .xlsx is a ZIP: it starts with "PK".
  if (file.buffer.subarray(0, 2).toString('latin1') === 'PK') return readCriteriaXlsx(file.buffer);
  try {
    return JSON.parse(file.buffer.toString('utf8'));
  } catch {
    throw new ValidationError('malformed_file', 'Tệp không phải bảng tính Excel (.xlsx) hay JSON hợp lệ.');
  }
}

/** Each problem of a refused set, in words: "Tiêu chí thứ 3 — maxPoints: …". */
function problems(err: AppError): string[] {
  const details = (err.details ?? {}) as {
    problems?: string[];
    fields?: { field: string; message: string }[];
  };
  const fields = (details.fields ?? []).map((f) => {
    const m = /^items\.(\d+)\.(.+)$/.exec(f.field);
    return m ? `Tiêu chí thứ ${Number(m[1]) + 1} (${m[2]}): ${f.message}` : `${f.field}: ${f.message}`;
  });
  return [...(details.problems ?? []), ...fields];
}

const itemsTable = (set: CriteriaSetImport): SafeHtml =>
  criteriaItemsTable(
    set.items,
    `${set.items.length} tiêu chí, tổng ${set.items.reduce((s, i) => s + i.maxPoints, 0)} điểm; điểm đạt ${set.passingScore}`,
  );

const confirmForm = (req: Request, set: CriteriaSetImport, activate: boolean) =>
  html`<form method="post" action="/admin/criteria/import/confirm" class="stack">
    ${csrfField(req)}<input type="hidden" name="set" value="${JSON.stringify(set)}" />
    <label class="check"
      ><input type="checkbox" name="activate" value="1" ${activate ? 'checked' : ''} /> Áp dụng ngay cho hồ sơ
      đăng ký mới</label
    >
    <button type="submit" class="primary">Xác nhận nhập phiên bản ${set.version}</button>
  </form>`;

/**
 * /admin/criteria/import: a JSON or Excel file is shown first (every criterion, or every problem), and
 * imported only when confirmed; /admin/criteria/template.xlsx and /admin/criteria/:id/xlsx give the
 * workbook to fill in (a set's export is ready to become its next version).
 */
export function adminCriteriaImportPages(ctx: AppContext): Router {
  const router = Router();
  router.post('/admin/criteria/import', ...uploadOne(ctx), async (req, res) => {
    let set: CriteriaSetImport;
    try {
      if (!req.file) throw new ValidationError('file_required', 'Vui lòng chọn tệp Excel hoặc JSON.');
      set = await checkCriteriaSet(ctx.ds.manager, await readUpload(req.file));
    } catch (err) {
      if (!isFormError(err)) throw err;
      return await renderPage(ctx, req, res, {
        title: 'Xem trước bộ tiêu chí',
        section: 'criteria',
        status: 422,
        body: html`<h1>Không nhập được "${req.file?.originalname ?? 'tệp'}"</h1>
          <div class="flash error" role="alert">${err.message}</div>
          <ul class="problems">
            ${problems(err).map((p) => html`<li>${p}</li>`)}
          </ul>
          <p>Sửa tệp rồi tải lên lại. <a href="/admin/criteria">Quay lại bộ tiêu chí</a></p>`,
      });
    }
    await renderPage(ctx, req, res, {
      title: 'Xem trước bộ tiêu chí',
      section: 'criteria',
      body: html`<h1>Xem trước: ${set.title} <small>phiên bản ${set.version}</small></h1>
        <p>
          Mã ${set.code} · áp dụng cho ${set.unitTypes.map((t: UnitType) => UNIT_TYPE_LABELS[t]).join(', ')}
          ${set.legalBasis ? html` · ${set.legalBasis}` : ''}
        </p>
        <p>Chưa có gì được ghi cho đến khi bạn xác nhận.</p>
        ${itemsTable(set)} ${confirmForm(req, set, field(req.body, 'activate') === '1')}
        <p><a href="/admin/criteria">Hủy, quay lại bộ tiêu chí</a></p>`,
    });
  });
  router.post('/admin/criteria/import/confirm', async (req, res) => {
    const activate = field(req.body, 'activate') === '1';
    try {
      const set = await importCriteriaSetJson(ctx, currentUser(req), field(req.body, 'set'), activate);
      flash(req, 'ok', `Đã nhập ${set.title} phiên bản ${set.version}${set.active ? ' và áp dụng' : ''}.`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', [err.message, ...problems(err).slice(0, 20)].join(' '));
    }
    await seeOther(req, res, '/admin/criteria');
  });
  router.get('/admin/criteria/template.xlsx', async (_req, res) => {
    res
      .type(XLSX_TYPE)
      .attachment('bo-tieu-chi-mau.xlsx')
      .send(await writeCriteriaXlsx(null));
  });
  router.get('/admin/criteria/:id/xlsx', async (req, res) => {
    const set = await getCriteriaSet(ctx, String(req.params.id));
    res
      .type(XLSX_TYPE)
      .attachment(`${set.code}-v${set.version + 1}.xlsx`)
      .send(await writeCriteriaXlsx(set));
  });
  return router;
}
