import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { field, fieldMessages, formValues, isFormError, keepForm, takeForm } from '../forms';
import { parseWith } from '../../http/validate';
import {
  createReportDraft,
  getReport,
  mayDraftReports,
  sendReportEvent,
  updateReportDraft,
} from '../../reports/issued-reports.service';
import { listReports } from '../../reports/issued-reports.list';
import { CreateReportBody, ReportEventBody, UpdateReportBody } from '../../reports/report.schemas';
import { input } from '../components';
import { html, type SafeHtml } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const PERIODS = { six_month: '6 tháng', annual: 'năm' } as const;
const PARTS = [
  ['strengths', 'Ưu điểm'],
  ['shortcomings', 'Tồn tại, hạn chế'],
  ['causes', 'Nguyên nhân'],
  ['nextTasks', 'Nhiệm vụ trọng tâm kỳ tới'],
  ['proposals', 'Đề xuất, kiến nghị'],
] as const;

/** The reports of a year, with the forms that draft a new one (for the bodies that owe them). */
export async function issuedReportsSection(ctx: AppContext, req: Request, year: number): Promise<SafeHtml> {
  const user = currentUser(req);
  const items = await listReports(ctx, user, year);
  const draftForm = (period: 'six_month' | 'annual') =>
    html`<form method="post" action="/reports/drafts" class="inline">
      ${csrfField(req)}<input type="hidden" name="year" value="${year}" /><input
        type="hidden"
        name="period"
        value="${period}"
      /><button type="submit">Lập báo cáo ${PERIODS[period]}</button>
    </form>`;
  return html`<section class="card" aria-labelledby="issued-title">
    <h2 id="issued-title">Báo cáo năm ${year}</h2>
    ${mayDraftReports(user) ? html`<p>${draftForm('six_month')} ${draftForm('annual')}</p>` : ''}
    ${
      items.length
        ? html`<ul>
            ${items.map(
              (r) =>
                html`<li>
                  <a href="/reports/issued/${r.id}">Báo cáo ${PERIODS[r.period]} ${r.year}</a> —
                  ${r.stateLabel}${r.number ? html`, số ${r.number} ngày ${r.issuedAt ?? ''}` : ''} ·
                  <a href="/api/reports/${r.id}/pdf">PDF</a>
                </li>`,
            )}
          </ul>`
        : html`<p class="empty">Chưa có báo cáo nào.</p>`
    }
  </section>`;
}

/** /reports/drafts, /reports/issued/:id: draft, write the parts, issue or cancel a report. */
export function issuedReportPages(ctx: AppContext): Router {
  const router = Router();
  router.post('/reports/drafts', async (req, res) => {
    const body = parseWith(
      CreateReportBody,
      { year: Number(field(req.body, 'year')), period: field(req.body, 'period') },
      'Báo cáo',
    );
    const report = await createReportDraft(ctx, currentUser(req), body);
    flash(
      req,
      'ok',
      'Đã lập dự thảo báo cáo. Viết phần đánh giá, nhiệm vụ, đề xuất và người ký rồi ban hành.',
    );
    await seeOther(req, res, `/reports/issued/${report.id}`);
  });

  router.get('/reports/issued/:id', async (req, res) => {
    const r = await getReport(ctx, currentUser(req), String(req.params.id));
    const form = takeForm(req);
    const value = (name: string, current: string | null | undefined) => form.values[name] ?? current ?? '';
    const editable = r.allowedEvents.includes('EDIT');
    const title = `Báo cáo ${PERIODS[r.period]} ${r.year}${r.number ? ` — số ${r.number}` : ''}`;
    await renderPage(ctx, req, res, {
      title,
      section: 'reports',
      body: html`<h1>${title}</h1>
        <p>
          ${r.stateLabel}${r.issuedAt ? html` ngày ${r.issuedAt}` : ''} ·
          <a class="button" href="/api/reports/${r.id}/pdf"
            >${r.number ? 'Tải báo cáo (PDF)' : 'Xem dự thảo (PDF)'}</a
          >
        </p>
        <p>${r.figures.summary}</p>
        ${
          editable
            ? html`<form method="post" action="/reports/issued/${r.id}" class="stack">
                ${csrfField(req)}<input type="hidden" name="version" value="${r.version}" />
                ${PARTS.map(
                  ([name, label]) =>
                    html`<label for="f-${name}">${label}</label>
                      <textarea id="f-${name}" name="${name}" rows="4" maxlength="8000">
${value(name, r.parts[name])}</textarea>`,
                )}
                ${input('signerPosition', 'Chức vụ người ký', value('signerPosition', r.signer?.position), { max: 100, error: form.errors.signerPosition })}
                ${input('signerName', 'Họ tên người ký', value('signerName', r.signer?.name), { max: 200, error: form.errors.signerName })}
                <button type="submit" class="primary">Lưu</button>
              </form>`
            : PARTS.map(
                ([name, label]) =>
                  html`<h2>${label}</h2>
                    <p>${r.parts[name]}</p>`,
              )
        }
        ${
          r.allowedEvents.includes('ISSUE')
            ? html`<form method="post" action="/reports/issued/${r.id}/events" class="inline">
                ${csrfField(req)}<input type="hidden" name="version" value="${r.version}" /><input
                  type="hidden"
                  name="type"
                  value="ISSUE"
                /><button type="submit" class="primary">Ban hành (cấp số, chốt số liệu)</button>
              </form>`
            : ''
        }`,
    });
  });

  router.post('/reports/issued/:id', async (req, res) => {
    const back = `/reports/issued/${req.params.id}`;
    try {
      const raw = req.body as Record<string, unknown>;
      const parts = Object.fromEntries(
        [...PARTS.map(([n]) => n), 'signerName', 'signerPosition'].map((n) => [n, field(raw, n)]),
      );
      const body = parseWith(
        UpdateReportBody,
        { version: Number(field(raw, 'version')), ...parts },
        'Báo cáo',
      );
      await updateReportDraft(ctx, currentUser(req), String(req.params.id), body);
      flash(req, 'ok', 'Đã lưu báo cáo.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, back, { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back);
  });

  router.post('/reports/issued/:id/events', async (req, res) => {
    const back = `/reports/issued/${req.params.id}`;
    try {
      const raw = req.body as Record<string, unknown>;
      const body = parseWith(
        ReportEventBody,
        { type: field(raw, 'type'), version: Number(field(raw, 'version')) },
        'Thao tác',
      );
      const r = await sendReportEvent(ctx, currentUser(req), String(req.params.id), body);
      flash(req, 'ok', `Đã ban hành báo cáo số ${r.number ?? ''}.`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back);
  });
  return router;
}
