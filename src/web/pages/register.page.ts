import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { RegisterQuery } from '../../decisions/decision.schemas';
import { listRegister } from '../../decisions/register.service';
import { parseWith } from '../../http/validate';
import { showDate } from '../components';
import { html } from '../html';
import { renderPage } from '../render';
import { KIND_LABELS } from './decision-detail.html';

/** /register: the register of documents issued (sổ đăng ký văn bản đi), by year, with its CSV. */
export function registerPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/register', async (req, res) => {
    const query = parseWith(RegisterQuery, req.query.year ? { year: req.query.year } : {}, 'Tham số');
    const register = await listRegister(ctx, currentUser(req), query);
    await renderPage(ctx, req, res, {
      title: `Sổ đăng ký văn bản đi năm ${register.year}`,
      section: 'register',
      body: html`<h1>Sổ đăng ký văn bản đi năm ${register.year}</h1>
        <form method="get" action="/register" class="filters">
          <div class="field">
            <label for="f-year">Năm</label>
            <input id="f-year" name="year" type="number" min="2000" max="2100" value="${register.year}" />
          </div>
          <button type="submit">Xem</button>
          <a href="/api/register.csv?year=${register.year}">Tải CSV</a>
          <a href="/api/register.xlsx?year=${register.year}">Tải Excel</a>
        </form>
        ${
          register.entries.length
            ? html`<div class="table-wrap">
                <table class="list">
                  <caption>
                    Văn bản đã ban hành theo thứ tự số
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Số, ký hiệu</th>
                      <th scope="col">Ngày</th>
                      <th scope="col">Loại</th>
                      <th scope="col">Trích yếu</th>
                      <th scope="col">Người ký</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${register.entries.map(
                      (e) =>
                        html`<tr>
                          <td><a href="/decisions/${e.decisionId}">${e.numberText}</a></td>
                          <td>${showDate(e.issuedAt ?? '')}</td>
                          <td>${KIND_LABELS[e.kind]}</td>
                          <td>${e.summary}</td>
                          <td>${e.signerTitle ?? ''} ${e.signerName ?? ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p class="empty">Chưa có văn bản nào trong năm ${register.year}.</p>`
        }`,
    });
  });
  return router;
}
