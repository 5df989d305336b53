import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { assertMay } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { vnDate } from '../../calendar/time';
import { parseWith } from '../../http/validate';
import { nationalReport } from '../../reports/national.service';
import { issuedReportsSection } from './issued-reports.page';
import { progressReport } from '../../reports/progress.service';
import { input } from '../components';
import { html } from '../html';
import { renderPage } from '../render';

const Query = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const pct = (n: number | null) =>
  n === null ? '—' : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;

/** /reports: progress against the plan's targets, with the chart and the downloads. */
export function reportPages(ctx: AppContext): Router {
  const router = Router();
  // The Ministry's view: every province side by side, and the national total.
  router.get('/reports/national', async (req, res) => {
    const user = currentUser(req);
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    const year = parseWith(Query, raw, 'Tham số').year ?? Number(vnDate(ctx.clock()).slice(0, 4));
    const r = await nationalReport(ctx, user, year);
    await renderPage(ctx, req, res, {
      title: `Tiến độ toàn quốc năm ${year}`,
      section: 'national',
      body: html`<h1>Tiến độ toàn quốc năm ${year}</h1>
        <form method="get" action="/reports/national" class="inline">
          ${input('year', 'Năm', String(year), { type: 'number' })}
          <button type="submit">Xem</button>
        </form>
        <div class="table-wrap">
          <table class="list">
            <caption>
              Số đơn vị đăng ký, nộp hồ sơ và được công nhận của từng tỉnh
            </caption>
            <thead>
              <tr>
                <th scope="col">Tỉnh, thành phố</th>
                <th scope="col">Số đơn vị</th>
                <th scope="col">Đăng ký</th>
                <th scope="col">Đã nộp</th>
                <th scope="col">Được công nhận</th>
                <th scope="col">Tỷ lệ công nhận</th>
              </tr>
            </thead>
            <tbody>
              ${r.rows.map(
                (p) =>
                  html`<tr>
                    <th scope="row">${p.name}</th>
                    <td>${p.units}</td>
                    <td>${p.registered}</td>
                    <td>${p.submitted}</td>
                    <td>${p.recognized}</td>
                    <td>${pct(p.recognizedShare)}</td>
                  </tr>`,
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Toàn quốc</th>
                <td>${r.total.units}</td>
                <td>${r.total.registered}</td>
                <td>${r.total.submitted}</td>
                <td>${r.total.recognized}</td>
                <td>${pct(r.total.recognizedShare)}</td>
              </tr>
            </tfoot>
          </table>
        </div>`,
    });
  });
  router.get('/reports', async (req, res) => {
    const user = currentUser(req);
    assertMay(user, 'reports.read');
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    const year = parseWith(Query, raw, 'Tham số').year ?? Number(vnDate(ctx.clock()).slice(0, 4));
    const r = await progressReport(ctx, user, { year, period: 'annual' });
    const q = `year=${year}`;
    await renderPage(ctx, req, res, {
      title: `Báo cáo tiến độ năm ${year}`,
      section: 'reports',
      body: html`<h1>Báo cáo tiến độ năm ${year} — ${r.province.name}</h1>
        <form method="get" action="/reports" class="filters">
          ${input('year', 'Năm', String(year), { type: 'number' })}<button type="submit">Xem</button>
        </form>
        <p>${r.summary}</p>
        <p class="downloads">
          <a class="button" href="/api/reports/progress.pdf?${q}&period=six_month">Báo cáo 6 tháng (PDF)</a>
          <a class="button" href="/api/reports/progress.pdf?${q}&period=annual">Báo cáo năm (PDF)</a>
          <a class="button" href="/api/reports/progress.csv?${q}">Bảng số liệu (CSV)</a>
        </p>
        <figure class="chart">
          <img
            src="/api/reports/progress.svg?${q}"
            alt="Biểu đồ tiến độ so với chỉ tiêu theo huyện năm ${year}"
          />
        </figure>
        <div class="table-wrap">
          <table class="list">
            <caption>
              Theo huyện và loại đơn vị
            </caption>
            <thead>
              <tr>
                <th scope="col">Huyện</th>
                <th scope="col">Loại</th>
                <th scope="col">Số đơn vị</th>
                <th scope="col">Đăng ký</th>
                <th scope="col">Đã nộp</th>
                <th scope="col">Công nhận</th>
                <th scope="col">Chỉ tiêu</th>
                <th scope="col">Đạt</th>
                <th scope="col">Còn thiếu</th>
              </tr>
            </thead>
            <tbody>
              ${r.rows.map(
                (row) =>
                  html`<tr>
                    <td>${row.districtName}</td>
                    <td>${row.unitTypeLabel}</td>
                    <td>${row.units}</td>
                    <td>${row.registered}</td>
                    <td>${row.submitted}</td>
                    <td>${row.recognized}</td>
                    <td>${row.target ?? '—'}</td>
                    <td>${pct(row.percentReached)}</td>
                    <td>${row.gap ?? '—'}</td>
                  </tr>`,
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan="2">Tổng</th>
                <td>${r.totals.units}</td>
                <td>${r.totals.registered}</td>
                <td>${r.totals.submitted}</td>
                <td>${r.totals.recognized}</td>
                <td>${r.totals.target}</td>
                <td></td>
                <td>${r.totals.gap}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        ${
          r.targets.length
            ? html`<div class="table-wrap">
                <table class="list targets">
                  <caption>
                    Kết quả thực hiện từng chỉ tiêu
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Chỉ tiêu</th>
                      <th scope="col">Cần đạt</th>
                      <th scope="col">Đã đạt</th>
                      <th scope="col">Tỷ lệ (%)</th>
                      <th scope="col">Còn thiếu</th>
                      <th scope="col">Kết quả</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.targets.map(
                      (t) =>
                        html`<tr>
                          <th scope="row">${t.label}${t.cumulative ? ' (cả giai đoạn)' : ''}</th>
                          <td>${t.required}</td>
                          <td>${t.achieved}</td>
                          <td>${t.percentReached ?? '—'}</td>
                          <td>${t.gap}</td>
                          <td>${t.verdict}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : ''
        }
        ${await issuedReportsSection(ctx, req, year)}
        ${
          r.namedUnits.length
            ? html`<h2>Đơn vị được kế hoạch giao</h2>
                <ul>
                  ${r.namedUnits.map((n) => html`<li>${n.unitName}, ${n.districtName}: ${n.stateLabel}${n.recognized ? ' ✔' : ''}</li>`)}
                </ul>`
            : ''
        }`,
    });
  });
  return router;
}
