import { KNOWN_TAGS, tagLabels } from '../../units/tag-labels';
import { Router } from 'express';
import { z } from 'zod';
import { MANAGED_BY, MANAGED_BY_LABELS, UNIT_TYPE_LABELS, UNIT_TYPES } from '../../../machines/domain';
import { UNIT_CSV_HEADER } from '../../units/units-preview';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { createUnit } from '../../units/units-import';
import { parseWith } from '../../http/validate';
import { listAllPlaces, pageUnits } from '../../units/units.service';
import { fileImportForm, input, pager, select, UNIT_TYPE_OPTIONS } from '../components';
import { fieldMessages, formValues, isFormError, keepForm, takeForm } from '../forms';
import { html } from '../html';
import { csrfToken } from '../../http/csrf';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const TAG_HINT = `Các nhãn: ${KNOWN_TAGS.map(([code, label]) => `${code} (${label})`).join('; ')}; thêm _năm cho nhãn theo năm, ví dụ ntm_nang_cao_2024.`;

const Query = z.object({
  q: z.string().max(200).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  districtId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
const UNIT_FIELDS = UNIT_CSV_HEADER;

/** /admin/units: list and search, create one, import CSV. */
export function adminUnitPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/units', async (req, res) => {
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    const query = parseWith(Query, raw, 'Tham số');
    const [result, { provinces, districts }] = await Promise.all([
      pageUnits(ctx, { ...query, pageSize: 50 }),
      listAllPlaces(ctx),
    ]);
    const form = takeForm(req);
    const kept = new URLSearchParams();
    for (const k of ['q', 'type', 'districtId'] as const) if (query[k]) kept.set(k, String(query[k]));
    await renderPage(ctx, req, res, {
      title: 'Đơn vị',
      section: 'units',
      body: html`<h1>Đơn vị</h1>
        <form method="get" action="/admin/units" class="filters" role="search">
          ${input('q', 'Tên đơn vị', query.q ?? '', { max: 200 })}
          ${select('type', 'Loại', UNIT_TYPE_OPTIONS, query.type ?? '', { empty: 'Tất cả' })}
          ${select(
            'districtId',
            'Huyện',
            districts.map((d) => [d.id, d.name] as const),
            query.districtId ?? '',
            { empty: 'Tất cả' },
          )}
          <button type="submit">Lọc</button>
        </form>
        <div class="table-wrap">
          <table class="list">
            <caption>
              ${result.total} đơn vị
            </caption>
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên</th>
                <th scope="col">Loại</th>
                <th scope="col">Huyện</th>
                <th scope="col">Quản lý</th>
                <th scope="col">Nhãn</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              ${result.items.map(
                (u) =>
                  html`<tr>
                    <td>${u.code}</td>
                    <td>${u.name}</td>
                    <td>${UNIT_TYPE_LABELS[u.type]}</td>
                    <td>${u.districtName ?? '—'}</td>
                    <td>${MANAGED_BY_LABELS[u.managedBy]}</td>
                    <td>${tagLabels(u.tags)}</td>
                    <td>
                      <a href="/admin/units/${u.id}/edit">Sửa<span class="sr-only"> ${u.name}</span></a>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${pager(kept, query.page, 50, result.total, '/admin/units')}
        <div class="columns">
          <section class="card" aria-labelledby="new-unit">
            <h2 id="new-unit">Thêm đơn vị</h2>
            <form method="post" action="/admin/units" class="stack">
              ${csrfField(req)}
              ${select(
                'province_code',
                'Tỉnh',
                provinces.map((p) => [p.code, p.name] as const),
                form.values.province_code ?? '',
                { required: true },
              )}
              ${select(
                'district_code',
                'Huyện',
                districts.map((d) => [d.code, d.name] as const),
                form.values.district_code ?? '',
                { empty: '— (đơn vị do tỉnh quản lý)' },
              )}
              ${input('code', 'Mã đơn vị', form.values.code ?? '', { required: true, max: 32, error: form.errors.code })}
              ${input('name', 'Tên đơn vị', form.values.name ?? '', { required: true, max: 300, error: form.errors.name })}
              ${select('type', 'Loại đơn vị', UNIT_TYPE_OPTIONS, form.values.type ?? '', { required: true })}
              ${select(
                'managed_by',
                'Cấp quản lý',
                MANAGED_BY.map((m) => [m, MANAGED_BY_LABELS[m]] as const),
                form.values.managed_by ?? 'district',
                { required: true },
              )}
              ${input('tags', 'Nhãn (mã, cách nhau bởi dấu ;)', form.values.tags ?? '', { max: 500, hint: TAG_HINT })}
              ${input('block', 'Khối (đơn vị do tỉnh quản lý)', form.values.block ?? '', { max: 100 })}
              <button type="submit" class="primary">Thêm đơn vị</button>
            </form>
          </section>
          <section class="card" aria-labelledby="import-units">
            <h2 id="import-units">Nhập từ tệp CSV</h2>
            <p>
              Tệp UTF-8, dòng đầu là tiêu đề: <code>${UNIT_FIELDS.join(',')}</code>. Sau khi tải lên, bạn xem
              trước những gì sẽ thay đổi và các dòng lỗi; chỉ khi xác nhận mới ghi. Nếu có dòng sai, không
              dòng nào được ghi. <a href="/admin/units/export.csv">Tải danh sách đơn vị hiện có (CSV)</a> để
              sửa rồi nhập lại.
            </p>
            ${fileImportForm(
              csrfToken(req),
              '/admin/units/import',
              {
                id: 'f-csv',
                label: 'Tệp CSV',
                accept: '.csv,text/csv',
              },
              '',
              'Tải lên và xem trước',
            )}
          </section>
        </div>`,
    });
  });

  router.post('/admin/units', async (req, res) => {
    try {
      const values = Object.fromEntries(
        UNIT_FIELDS.map((k) => [k, String((req.body as Record<string, unknown>)[k] ?? '')]),
      );
      const unit = await createUnit(ctx.ds, values, currentUser(req));
      flash(req, 'ok', `Đã thêm đơn vị ${unit.name}.`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, '/admin/units', { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, '/admin/units');
  });

  return router;
}
