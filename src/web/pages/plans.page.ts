import { tagLabel } from '../../units/tag-labels';
import { Router, type Request } from 'express';
import { planBody } from './plan-year-form.html';
import { UNIT_TYPE_LABELS } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { assertMay, may } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { parseWith } from '../../http/validate';
import { PlanUpdate } from '../../plans/plan.schemas';
import type { PlanView } from '../../plans/plan.view';
import { getPlan, listPlans, updatePlan } from '../../plans/plans.service';
import { input, showDate } from '../components';
import { field, fieldMessages, formValues, isFormError, keepForm, takeForm } from '../forms';
import { html, type SafeHtml } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const BREAKDOWN = { province: 'toàn tỉnh', district: 'mỗi huyện', block: 'mỗi khối' } as const;
const DEADLINES = [
  ['registrationDeadline', 'Đăng ký'],
  ['submissionDeadline', 'Nộp hồ sơ'],
  ['districtReviewDeadline', 'Cấp huyện thẩm tra'],
  ['appraisalDeadline', 'Cấp tỉnh thẩm định'],
  ['sixMonthReportDeadline', 'Báo cáo 6 tháng'],
  ['annualReportDeadline', 'Báo cáo năm'],
] as const;

function yearSection(y: PlanView['years'][number], editLink: string | null): SafeHtml {
  return html`<section class="card" aria-labelledby="y-${y.year}">
    <h2 id="y-${y.year}">Năm ${y.year}</h2>
    <dl class="facts">
      ${DEADLINES.map(
        ([k, label]) =>
          html`<dt>Hạn ${label.toLowerCase()}</dt>
            <dd>${showDate(y[k]) || '—'}</dd>`,
      )}
    </dl>
    ${
      y.targets.length
        ? html`<div class="table-wrap">
            <table class="list">
              <caption>
                Chỉ tiêu năm ${y.year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Chỉ tiêu</th>
                  <th scope="col">Loại đơn vị</th>
                  <th scope="col">Mức</th>
                  <th scope="col">Tính theo</th>
                </tr>
              </thead>
              <tbody>
                ${y.targets.map(
                  (t) =>
                    html`<tr>
                      <td>${t.label}${t.cumulative ? ' (lũy kế)' : ''}</td>
                      <td>
                        ${t.unitTypes.map((u) => UNIT_TYPE_LABELS[u]).join(', ')}${t.tagsAny.length ? html` · ${t.tagsAny.map(tagLabel).join(' hoặc ')}` : ''}
                      </td>
                      <td>${t.measure === 'percent' ? `${t.value} %` : `${t.value} đơn vị`}</td>
                      <td>${BREAKDOWN[t.breakdown]}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="empty">Không có chỉ tiêu.</p>`
    }
    ${y.namedUnits.length ? html`<p><strong>Đơn vị được giao:</strong> ${y.namedUnits.map((n) => n.name).join(', ')}</p>` : ''}
    ${editLink ? html`<p><a class="button" href="${editLink}">Sửa chỉ tiêu và đơn vị được giao năm ${y.year}</a></p>` : ''}
  </section>`;
}

const dateField = (year: number, key: string) => `y${year}_${key}`;

/** The admin's form for the deadlines of every year: date fields, errors beside them. */
function deadlinesForm(
  req: Request,
  p: PlanView,
  form: { errors: Record<string, string>; values: Record<string, string> },
) {
  return html`<form method="post" action="/plans/${p.id}/deadlines" class="card">
    ${csrfField(req)}<input type="hidden" name="version" value="${p.version}" />
    <h2>Sửa các hạn</h2>
    <p>
      Dời hạn nộp hồ sơ về sau sẽ gia hạn cho các hồ sơ đang chuẩn bị; không thể rút ngắn khi còn hồ sơ đang
      chuẩn bị.
    </p>
    ${p.years.map(
      (y) =>
        html`<fieldset class="row">
          <legend>Năm ${y.year}</legend>
          ${DEADLINES.map(([k, label]) => {
            const name = dateField(y.year, k);
            return input(name, `Hạn ${label.toLowerCase()}`, form.values[name] ?? y[k] ?? '', {
              type: 'date',
              required: k === 'submissionDeadline',
              error: form.errors[name],
            });
          })}
        </fieldset>`,
    )}
    <button type="submit" class="primary">Lưu các hạn</button>
  </form>`;
}

/** /plans: the province's plans, their years, deadlines and targets; admins create and edit them. */
export function planPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/plans', async (req, res) => {
    const user = currentUser(req);
    const plans = await listPlans(ctx, user);
    await renderPage(ctx, req, res, {
      title: 'Kế hoạch',
      section: 'plans',
      body: html`<h1>Kế hoạch xây dựng điển hình</h1>
        ${may(user, 'admin.manage') ? html`<p><a class="button primary" href="/plans/new">Tạo kế hoạch</a></p>` : ''}
        ${
          plans.length
            ? html`<ul>
                ${plans.map((p) => html`<li><a href="/plans/${p.id}">${p.title}</a> (${p.startYear}–${p.endYear}${p.reference ? html`, ${p.reference}` : ''})</li>`)}
              </ul>`
            : html`<p class="empty">Chưa có kế hoạch.</p>`
        }`,
    });
  });

  router.get('/plans/:id', async (req, res) => {
    const user = currentUser(req);
    const plan = await getPlan(ctx, user, String(req.params.id));
    await renderPage(ctx, req, res, {
      title: plan.title,
      section: 'plans',
      body: html`<h1>${plan.title} <small>${plan.startYear}–${plan.endYear}</small></h1>
        ${plan.reference ? html`<p>Số hiệu: ${plan.reference}</p>` : ''}
        ${may(user, 'admin.manage') ? html`<p><a class="button" href="/plans/${plan.id}/edit">Sửa kế hoạch</a></p>` : ''}
        ${plan.years.map((y) => yearSection(y, may(user, 'admin.manage') ? `/plans/${plan.id}/years/${y.year}` : null))}
        ${may(user, 'admin.manage') ? deadlinesForm(req, plan, takeForm(req)) : ''}`,
    });
  });

  router.post('/plans/:id/deadlines', async (req, res) => {
    const user = currentUser(req);
    assertMay(user, 'admin.manage');
    const id = String(req.params.id);
    const plan = await getPlan(ctx, user, id);
    const body = planBody(plan) as { version: number; years: Record<string, unknown>[] };
    body.version = Number(field(req.body, 'version'));
    body.years = body.years.map((y) => {
      const next = { ...y };
      for (const [k] of DEADLINES) next[k] = field(req.body, dateField(Number(y.year), k)) || null;
      return next;
    });
    try {
      await updatePlan(ctx, user, id, parseWith(PlanUpdate, body, 'Kế hoạch'));
      flash(req, 'ok', 'Đã lưu các hạn của kế hoạch.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      // `years.1.submissionDeadline` → the date field of that year.
      const errors = fieldMessages(err, (f) => {
        const m = /^years\.(\d+)\.(\w+)$/.exec(f);
        const year = m ? plan.years[Number(m[1])]?.year : undefined;
        return m && year ? dateField(year, m[2] ?? '') : f;
      });
      keepForm(req, `/plans/${id}`, { errors, values: formValues(req.body) });
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, `/plans/${id}`);
  });

  return router;
}
