import { tagLabel } from '../../units/tag-labels';
import { Router, type Request } from 'express';
import { UNIT_TYPE_LABELS } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { assertMay, may } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { ValidationError } from '../../http/errors';
import { parseWith } from '../../http/validate';
import { PlanInput, PlanUpdate } from '../../plans/plan.schemas';
import type { PlanView } from '../../plans/plan.view';
import { createPlan, getPlan, listPlans, updatePlan } from '../../plans/plans.service';
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

function yearSection(y: PlanView['years'][number]): SafeHtml {
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

/** The plan as the edit form's JSON (the API's PUT body): what an admin changes and sends back. */
function editableJson(p: PlanView): string {
  const body = {
    reference: p.reference,
    title: p.title,
    startYear: p.startYear,
    endYear: p.endYear,
    version: p.version,
    years: p.years.map(({ id: _id, targets, namedUnits, ...y }) => ({
      ...y,
      targets: targets.map(({ id: _t, position: _p, ...t }) => t),
      namedUnitIds: namedUnits.map((n) => n.unitId),
    })),
  };
  return JSON.stringify(body, null, 2);
}

function jsonForm(req: Request, action: string, text: string, errors: string[]): SafeHtml {
  return html`<form method="post" action="${action}" class="stack wide">
    ${csrfField(req)}
    <label for="f-plan"
      >Kế hoạch (JSON: số hiệu, tên, giai đoạn, từng năm với các hạn, chỉ tiêu và đơn vị được giao)</label
    >
    <textarea
      id="f-plan"
      name="plan"
      rows="28"
      spellcheck="false"
      ${errors.length ? html` aria-invalid="true" aria-describedby="err-plan"` : ''}
    >
${text}</textarea>
    ${
      errors.length
        ? html`<ul class="field-error" id="err-plan">
            ${errors.map((e) => html`<li>${e}</li>`)}
          </ul>`
        : ''
    }
    <button type="submit" class="primary">Lưu kế hoạch</button>
  </form>`;
}

/** Messages of a refused plan, each with the place in the JSON it refers to. */
function planErrors(err: unknown): string[] {
  if (!isFormError(err)) throw err;
  const details = err.details as { fields?: { field: string; message: string }[] } | undefined;
  return [err.message, ...(details?.fields ?? []).map((f) => `${f.field}: ${f.message}`)];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('malformed_json', 'Nội dung không phải JSON hợp lệ.');
  }
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

  router.get('/plans/new', async (req, res) => {
    assertMay(currentUser(req), 'admin.manage');
    const form = takeForm(req);
    const year = Number(new Date(ctx.clock()).toISOString().slice(0, 4));
    const example = JSON.stringify(
      {
        reference: null,
        title: `Kế hoạch xây dựng điển hình năm ${year}`,
        startYear: year,
        endYear: year,
        years: [{ year, submissionDeadline: `${year}-10-31`, targets: [], namedUnitIds: [] }],
      },
      null,
      2,
    );
    await renderPage(ctx, req, res, {
      title: 'Tạo kế hoạch',
      section: 'plans',
      body: html`<h1>Tạo kế hoạch</h1>
        ${jsonForm(req, '/plans/new', form.values.plan ?? example, form.values.errors?.split('\n').filter(Boolean) ?? [])}`,
    });
  });

  router.post('/plans/new', async (req, res) => {
    const user = currentUser(req);
    assertMay(user, 'admin.manage');
    try {
      const plan = await createPlan(
        ctx,
        user,
        parseWith(PlanInput, parseJson(field(req.body, 'plan')), 'Kế hoạch'),
      );
      flash(req, 'ok', `Đã tạo ${plan.title}.`);
      await seeOther(req, res, `/plans/${plan.id}`);
    } catch (err) {
      keepForm(req, '/plans/new', {
        errors: {},
        values: { plan: field(req.body, 'plan'), errors: planErrors(err).join('\n') },
      });
      await seeOther(req, res, '/plans/new');
    }
  });

  router.get('/plans/:id', async (req, res) => {
    const user = currentUser(req);
    const plan = await getPlan(ctx, user, String(req.params.id));
    await renderPage(ctx, req, res, {
      title: plan.title,
      section: 'plans',
      body: html`<h1>${plan.title} <small>${plan.startYear}–${plan.endYear}</small></h1>
        ${plan.reference ? html`<p>Số hiệu: ${plan.reference}</p>` : ''}
        ${may(user, 'admin.manage') ? html`<p><a class="button" href="/plans/${plan.id}/edit">Sửa kế hoạch (JSON)</a></p>` : ''}
        ${plan.years.map(yearSection)}
        ${may(user, 'admin.manage') ? deadlinesForm(req, plan, takeForm(req)) : ''}`,
    });
  });

  router.post('/plans/:id/deadlines', async (req, res) => {
    const user = currentUser(req);
    assertMay(user, 'admin.manage');
    const id = String(req.params.id);
    const plan = await getPlan(ctx, user, id);
    const body = JSON.parse(editableJson(plan)) as { version: number; years: Record<string, unknown>[] };
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

  router.get('/plans/:id/edit', async (req, res) => {
    const user = currentUser(req);
    assertMay(user, 'admin.manage');
    const plan = await getPlan(ctx, user, String(req.params.id));
    const form = takeForm(req);
    await renderPage(ctx, req, res, {
      title: `Sửa ${plan.title}`,
      section: 'plans',
      body: html`<h1>Sửa kế hoạch</h1>
        <p>
          Dời hạn nộp hồ sơ về sau sẽ gia hạn cho các hồ sơ đang mở; không thể rút ngắn hạn khi còn hồ sơ đang
          chờ.
        </p>
        ${jsonForm(req, `/plans/${plan.id}/edit`, form.values.plan ?? editableJson(plan), form.values.errors?.split('\n').filter(Boolean) ?? [])}`,
    });
  });

  router.post('/plans/:id/edit', async (req, res) => {
    const user = currentUser(req);
    assertMay(user, 'admin.manage');
    const id = String(req.params.id);
    try {
      await updatePlan(ctx, user, id, parseWith(PlanUpdate, parseJson(field(req.body, 'plan')), 'Kế hoạch'));
      flash(req, 'ok', 'Đã lưu kế hoạch.');
      await seeOther(req, res, `/plans/${id}`);
    } catch (err) {
      keepForm(req, `/plans/${id}/edit`, {
        errors: {},
        values: { plan: field(req.body, 'plan'), errors: planErrors(err).join('\n') },
      });
      await seeOther(req, res, `/plans/${id}/edit`);
    }
  });
  return router;
}
