import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context';
import { assertMay } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { RuleError } from '../../http/errors';
import { parseWith } from '../../http/validate';
import { PlanInput, PlanUpdate } from '../../plans/plan.schemas';
import { createPlan, getPlan, updatePlan } from '../../plans/plans.service';
import { findUnitByText } from '../../units/find-unit';
import { listAllPlaces } from '../../units/units.service';
import { fieldError, input } from '../components';
import { checks, many, planBody, targetFields, targetsFrom, type Body } from './plan-year-form.html';
import {
  field,
  fieldMessages,
  formValues,
  isFormError,
  keepForm,
  keptHas,
  takeForm,
  type FormState,
} from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

/** /plans/new, /plans/:id/edit (title, reference) and /plans/:id/years/:year (targets, named units). */
export function planFormPages(ctx: AppContext): Router {
  const router = Router();
  const admin = (req: Request) => {
    const user = currentUser(req);
    assertMay(user, 'admin.manage');
    return user;
  };

  router.get('/plans/:id/years/:year', async (req, res) => {
    const user = admin(req);
    const plan = await getPlan(ctx, user, String(req.params.id));
    const y = plan.years.find((x) => String(x.year) === req.params.year);
    if (!y) return void (await seeOther(req, res, `/plans/${plan.id}`));
    const form = takeForm(req);
    const kept = Object.keys(form.values).length > 0;
    const { districts } = await listAllPlaces(ctx);
    const mine = districts
      .filter((d) => d.provinceId === plan.provinceId)
      .map((d): [string, string] => [d.id, d.name]);
    const rows = [...y.targets.map((t) => t as unknown as Body), {}];
    await renderPage(ctx, req, res, {
      title: `Chỉ tiêu năm ${y.year}`,
      section: 'plans',
      body: html`<h1>Chỉ tiêu và đơn vị được giao năm ${y.year}</h1>
        <p><a href="/plans/${plan.id}">${plan.title}</a></p>
        <form method="post" action="/plans/${plan.id}/years/${y.year}" class="stack wide">
          ${csrfField(req)}<input type="hidden" name="version" value="${plan.version}" />
          <input type="hidden" name="count" value="${rows.length}" />
          ${rows.map((t, i) => targetFields(i, t, y.year, mine, form, kept))}
          <fieldset class="card">
            <legend>Đơn vị được giao (phải được công nhận trong năm)</legend>
            ${
              y.namedUnits.length
                ? checks(
                    'keepUnits',
                    y.namedUnits.map((u) => [u.unitId, u.name] as const),
                    (id) => (kept ? keptHas(form.values.keepUnits, id) : true),
                  )
                : html`<p class="empty">Chưa giao đơn vị nào.</p>`
            }
            <div class="field">
              <label for="f-addUnit">Thêm đơn vị: gõ tên (có dấu hoặc không) hoặc mã</label>
              <input
                id="f-addUnit"
                name="addUnit"
                list="unit-options"
                autocomplete="off"
                maxlength="200"
                data-unit-picker
                value="${kept ? (form.values.addUnit ?? '') : ''}"
                ${form.errors.addUnit ? html` aria-invalid="true" aria-describedby="err-addUnit"` : ''}
              />
              <datalist id="unit-options"></datalist>
              ${fieldError('addUnit', form.errors.addUnit)}
            </div>
          </fieldset>
          <button type="submit" class="primary">Lưu chỉ tiêu năm ${y.year}</button>
        </form>`,
    });
  });

  router.post('/plans/:id/years/:year', async (req, res) => {
    const user = admin(req);
    const id = String(req.params.id);
    const back = `/plans/${id}/years/${String(req.params.year)}`;
    const plan = await getPlan(ctx, user, id);
    const yi = plan.years.findIndex((x) => String(x.year) === req.params.year);
    if (yi < 0) return void (await seeOther(req, res, `/plans/${id}`));
    const sent = targetsFrom(req.body, Math.min(Number(field(req.body, 'count')) || 0, 101));
    try {
      const body = planBody(plan);
      body.version = Number(field(req.body, 'version'));
      body.years[yi].targets = sent.map((s) => s.target);
      const keep = new Set(many(req.body, 'keepUnits'));
      const named = plan.years[yi].namedUnits.map((u) => u.unitId).filter((u) => keep.has(u));
      const typed = field(req.body, 'addUnit').trim();
      if (typed) {
        const unit = await findUnitByText(ctx.ds.manager, plan.provinceId, typed, 'addUnit');
        if (!unit) {
          const message = `Không tìm thấy đơn vị "${typed}".`;
          throw new RuleError('unit_not_found', message, {
            fields: [{ field: 'addUnit', code: 'unit_not_found', message }],
          });
        }
        if (!named.includes(unit.id)) named.push(unit.id);
      }
      body.years[yi].namedUnitIds = named;
      await updatePlan(ctx, user, id, parseWith(PlanUpdate, body, 'Kế hoạch'));
      flash(req, 'ok', `Đã lưu chỉ tiêu năm ${plan.years[yi].year}.`);
      await seeOther(req, res, typed ? back : `/plans/${id}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      // `years.<yi>.targets.<k>.value` → the field of the k-th target sent.
      const errors = fieldMessages(err, (f) => {
        const m = /^years\.\d+\.targets\.(\d+)\.(\w+)/.exec(f);
        return m ? `t${sent[Number(m[1])]?.index ?? 0}_${m[2]}` : f;
      });
      keepForm(req, back, { errors, values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, back);
    }
  });

  const headerForm = (
    req: Request,
    action: string,
    form: FormState,
    v: Record<string, string>,
    creating: boolean,
  ) =>
    html`<form method="post" action="${action}" class="stack card">
      ${csrfField(req)}${v.version ? html`<input type="hidden" name="version" value="${v.version}" />` : ''}
      ${input('title', 'Tên kế hoạch', v.title ?? '', { required: true, max: 500, error: form.errors.title })}
      ${input('reference', 'Số hiệu văn bản (ví dụ 120/KH-UBND)', v.reference ?? '', { max: 100, error: form.errors.reference })}
      <div class="row">
        ${input('startYear', 'Từ năm', v.startYear ?? '', { type: 'number', required: true, error: form.errors.startYear })}
        ${input('endYear', 'Đến năm', v.endYear ?? '', { type: 'number', required: true, error: form.errors.endYear })}
        ${
          creating
            ? input(
                'submissionDeadline',
                'Hạn nộp hồ sơ hằng năm (ngày, tháng)',
                v.submissionDeadline ?? '10-31',
                {
                  required: true,
                  error: form.errors.submissionDeadline,
                  hint: 'Dạng tháng-ngày, ví dụ 10-31; sửa hạn từng năm và chỉ tiêu sau khi tạo.',
                },
              )
            : ''
        }
      </div>
      <button type="submit" class="primary">${creating ? 'Tạo kế hoạch' : 'Lưu'}</button>
    </form>`;

  router.get('/plans/new', async (req, res) => {
    admin(req);
    const form = takeForm(req);
    const year = ctx.clock().getFullYear();
    const v = Object.keys(form.values).length
      ? form.values
      : { title: `Kế hoạch xây dựng điển hình năm ${year}`, startYear: String(year), endYear: String(year) };
    await renderPage(ctx, req, res, {
      title: 'Tạo kế hoạch',
      section: 'plans',
      body: html`<h1>Tạo kế hoạch</h1>
        ${headerForm(req, '/plans/new', form, v, true)}`,
    });
  });

  router.post('/plans/new', async (req, res) => {
    const user = admin(req);
    const num = (k: string) =>
      /^\d{4}$/.test(field(req.body, k)) ? Number(field(req.body, k)) : field(req.body, k);
    const start = num('startYear');
    const end = num('endYear');
    const span =
      typeof start === 'number' && typeof end === 'number' && end >= start && end - start < 10
        ? end - start + 1
        : 0;
    const monthDay = field(req.body, 'submissionDeadline').trim();
    try {
      if (!span) {
        const message = 'Giai đoạn từ năm đến năm không hợp lệ (tối đa 10 năm).';
        throw new RuleError('invalid_period', message, {
          fields: [{ field: 'endYear', code: 'invalid_period', message }],
        });
      }
      const years = Array.from({ length: span }, (_, k) => ({
        year: (start as number) + k,
        submissionDeadline: `${(start as number) + k}-${monthDay}`,
      }));
      const plan = await createPlan(
        ctx,
        user,
        parseWith(
          PlanInput,
          {
            title: field(req.body, 'title'),
            reference: field(req.body, 'reference') || null,
            startYear: start,
            endYear: end,
            years,
          },
          'Kế hoạch',
        ),
      );
      flash(req, 'ok', `Đã tạo ${plan.title}. Thêm chỉ tiêu cho từng năm bên dưới.`);
      await seeOther(req, res, `/plans/${plan.id}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const errors = fieldMessages(err, (f) =>
        /^years\.\d+\.submissionDeadline$/.test(f) ? 'submissionDeadline' : f,
      );
      keepForm(req, '/plans/new', { errors, values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, '/plans/new');
    }
  });

  router.get('/plans/:id/edit', async (req, res) => {
    const plan = await getPlan(ctx, admin(req), String(req.params.id));
    const form = takeForm(req);
    const v = Object.keys(form.values).length
      ? form.values
      : {
          title: plan.title,
          reference: plan.reference ?? '',
          version: String(plan.version),
          startYear: String(plan.startYear),
          endYear: String(plan.endYear),
        };
    await renderPage(ctx, req, res, {
      title: `Sửa ${plan.title}`,
      section: 'plans',
      body: html`<h1>Sửa kế hoạch</h1>
        <p>
          Hạn từng năm sửa ở trang kế hoạch; chỉ tiêu và đơn vị được giao sửa theo từng năm. Kéo dài giai đoạn
          thêm các năm mới (hạn nộp hồ sơ như năm cuối hiện có); rút ngắn bỏ các năm ngoài giai đoạn cùng chỉ
          tiêu của các năm đó.
        </p>
        ${headerForm(req, `/plans/${plan.id}/edit`, form, v, false)}
        <ul>
          ${plan.years.map((y) => html`<li><a href="/plans/${plan.id}/years/${y.year}">Chỉ tiêu và đơn vị được giao năm ${y.year}</a></li>`)}
        </ul>`,
    });
  });

  router.post('/plans/:id/edit', async (req, res) => {
    const user = admin(req);
    const id = String(req.params.id);
    const plan = await getPlan(ctx, user, id);
    try {
      const body = {
        ...planBody(plan),
        title: field(req.body, 'title'),
        reference: field(req.body, 'reference') || null,
        version: Number(field(req.body, 'version')),
      };
      const year = (name: string) =>
        /^\d{4}$/.test(field(req.body, name)) ? Number(field(req.body, name)) : NaN;
      const start = year('startYear');
      const end = year('endYear');
      if (!(end >= start && end - start < 10)) {
        const message = 'Giai đoạn từ năm đến năm không hợp lệ (tối đa 10 năm).';
        throw new RuleError('invalid_period', message, {
          fields: [{ field: 'endYear', code: 'invalid_period', message }],
        });
      }
      // New years take the last year's submission day; years left outside the period are dropped.
      const monthDay = body.years.at(-1)?.submissionDeadline.slice(5) ?? '10-31';
      const byYear = new Map(body.years.map((y) => [y.year, y]));
      Object.assign(body, {
        startYear: start,
        endYear: end,
        years: Array.from({ length: end - start + 1 }, (_, k) => start + k).map(
          (year) =>
            byYear.get(year) ?? {
              year,
              submissionDeadline: `${year}-${monthDay}`,
              targets: [],
              namedUnitIds: [],
            },
        ),
      });
      await updatePlan(ctx, user, id, parseWith(PlanUpdate, body, 'Kế hoạch'));
      flash(req, 'ok', 'Đã lưu kế hoạch.');
      await seeOther(req, res, `/plans/${id}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, `/plans/${id}/edit`, { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, `/plans/${id}/edit`);
    }
  });
  return router;
}
