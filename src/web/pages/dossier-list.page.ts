import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { may } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { vnDate } from '../../calendar/time';
import { listDossiers } from '../../dossiers/dossier-list.service';
import { ListDossiersQuery, OpenDossierBody } from '../../dossiers/dossier.schemas';
import { stateOptions, statesWhereActs } from '../../dossiers/dossier-rules';
import { openDossier } from '../../dossiers/open-dossier.service';
import { parseWith } from '../../http/validate';
import { AppError } from '../../http/errors';
import { MAX_UNIT_PAGE, listDistricts, listUnits } from '../../units/units.service';
import { dossierTable, input, pager, select, UNIT_TYPE_OPTIONS } from '../components';
import { dossierSummary } from '../../dossiers/dossier-summary.service';
import { inboxTable } from './dossier-bulk.page';
import { savedFiltersCard } from './saved-filters.page';
import { ownDossiers, summaryCards } from './home-cards';
import { field, fieldMessages, formValues, keepForm, takeForm } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

/** The "register a dossier" form for unit officers and district reviewers. */
async function openForm(ctx: AppContext, req: Request, back: '/' | '/dossiers') {
  const user = currentUser(req);
  if (!may(user, 'dossier.open')) return html``;
  // A district has at most a few hundred units: one page holds them all.
  const { items } = await listUnits(ctx, user, { pageSize: MAX_UNIT_PAGE });
  const units = items.filter(
    (u) => user.role === 'unit_officer' || (u.managedBy === 'district' && u.id !== user.unitId),
  );
  const form = takeForm(req);
  const year = form.values.year ?? vnDate(ctx.clock()).slice(0, 4);
  return html`<section class="card" aria-labelledby="open-title">
    <h2 id="open-title">Đăng ký xây dựng điển hình</h2>
    <form method="post" action="/dossiers/open" class="row">
      ${csrfField(req)}<input type="hidden" name="back" value="${back}" />
      ${select(
        'unitId',
        'Đơn vị',
        units.map((u) => [u.id, u.name] as const),
        form.values.unitId ?? '',
        { required: true, error: form.errors.unitId },
      )}
      ${input('year', 'Năm', year, { type: 'number', required: true, error: form.errors.year })}
      <button type="submit" class="primary">Đăng ký</button>
    </form>
  </section>`;
}

const DUE_OPTIONS = [
  ['overdue', 'Quá hạn'],
  ['soon', 'Sắp đến hạn (3 ngày)'],
] as const;

const exportQuery = (kept: URLSearchParams) => (kept.size ? `?${kept.toString()}` : '');

const PageQuery = ListDossiersQuery.extend({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** GET / (inbox), GET /dossiers (search and filters), POST /dossiers/open. */
export function dossierListPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = currentUser(req);
    const page = parseWith(PageQuery.pick({ page: true }), { page: req.query.page }, 'Trang').page;
    const result = await listDossiers(
      ctx,
      user,
      { page, pageSize: 50 },
      { states: statesWhereActs(user.role), order: 'due' },
    );
    // Overdue among all the dossiers waiting, not only this page's.
    const overdue = (
      await listDossiers(
        ctx,
        user,
        { page: 1, pageSize: 1, due: 'overdue' },
        { states: statesWhereActs(user.role) },
      )
    ).total;
    await renderPage(ctx, req, res, {
      title: 'Việc cần xử lý',
      section: 'inbox',
      body: html`<h1>Việc cần xử lý</h1>
        <p>
          ${result.total ? html`Có <strong>${result.total}</strong> hồ sơ đang chờ bạn xử lý${overdue ? html`, trong đó <strong class="overdue">${overdue} hồ sơ quá hạn</strong>` : ''}.` : 'Hiện không có hồ sơ nào chờ bạn xử lý.'}
        </p>
        ${await ownDossiers(ctx, req)} ${summaryCards(await dossierSummary(ctx, user))}
        ${inboxTable(req, result.items, 'Hồ sơ chờ xử lý, hạn gần nhất trước')}
        ${pager(new URLSearchParams(), result.page, result.pageSize, result.total, '/')}
        ${await openForm(ctx, req, '/')}`,
    });
  });

  router.get('/dossiers', async (req, res) => {
    const user = currentUser(req);
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    const query = parseWith(PageQuery, raw, 'Tham số tìm kiếm');
    const [result, districts] = await Promise.all([listDossiers(ctx, user, query), listDistricts(ctx, user)]);
    const kept = new URLSearchParams();
    for (const key of ['q', 'state', 'year', 'districtId', 'unitType', 'due'] as const) {
      const v = query[key];
      if (v !== undefined) kept.set(key, String(v));
    }
    await renderPage(ctx, req, res, {
      title: 'Danh sách hồ sơ',
      section: 'dossiers',
      body: html`<h1>Hồ sơ</h1>
        <form method="get" action="/dossiers" class="filters" role="search" aria-label="Tìm hồ sơ">
          ${input('q', 'Tên đơn vị hoặc mã hồ sơ', query.q ?? '', { max: 200, hint: 'Gõ có dấu hoặc không dấu; mã hồ sơ dạng TQ-2026-000123' })}
          ${select('state', 'Trạng thái', stateOptions(), query.state ?? '', { empty: 'Tất cả' })}
          ${input('year', 'Năm', query.year ? String(query.year) : '', { type: 'number' })}
          ${
            districts.length > 1
              ? select(
                  'districtId',
                  'Huyện',
                  districts.map((d) => [d.id, d.name] as const),
                  query.districtId ?? '',
                  { empty: 'Tất cả' },
                )
              : ''
          }
          ${select('unitType', 'Loại đơn vị', UNIT_TYPE_OPTIONS, query.unitType ?? '', { empty: 'Tất cả' })}
          ${select('due', 'Hạn xử lý', DUE_OPTIONS, query.due ?? '', { empty: 'Tất cả' })}
          <button type="submit" class="primary">Lọc</button> <a href="/dossiers">Xóa bộ lọc</a>
        </form>
        <p class="downloads">
          <a href="/api/dossiers/export.xlsx${exportQuery(kept)}" download
            >Tải danh sách (Excel, theo bộ lọc)</a
          >
        </p>
        ${dossierTable(result.items, `Kết quả: ${result.total} hồ sơ`)}
        ${pager(kept, result.page, result.pageSize, result.total, '/dossiers')}
        ${await savedFiltersCard(ctx, req, kept)} ${await openForm(ctx, req, '/dossiers')}`,
    });
  });

  router.post('/dossiers/open', async (req, res) => {
    const user = currentUser(req);
    const back = field(req.body, 'back') === '/dossiers' ? '/dossiers' : '/';
    try {
      const body = parseWith(
        OpenDossierBody,
        { unitId: field(req.body, 'unitId'), year: Number(field(req.body, 'year')) },
        'Đăng ký',
      );
      const id = await openDossier(ctx, user, body);
      flash(req, 'ok', 'Đã đăng ký hồ sơ.');
      await seeOther(req, res, `/dossiers/${id}`);
    } catch (err) {
      // A unit outside the reviewer's remit (403/404) is explained on the form like any refusal.
      if (!(err instanceof AppError) || err.kind === 'unauthenticated') throw err;
      keepForm(req, back, { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, back);
    }
  });
  return router;
}
