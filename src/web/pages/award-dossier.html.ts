import type { Request } from 'express';
import { vnDate } from '../../calendar/time';
import type { DossierView } from '../../dossiers/dossier.view';
import { vnShortDate } from '../../documents/vn-format';
import { csrfToken } from '../../http/csrf';
import { fileImportForm, input, showDateTime } from '../components';
import { html, type HtmlValue } from '../html';
import { csrfField } from '../layout';

/** The appraiser's proposal: the Tờ trình's number and date and the unit's achievement report. */
export function awardProposalForm(d: DossierView, req: Request): HtmlValue {
  if (!d.allowedEvents.includes('PROPOSE_AWARD')) return '';
  const fields = html`${input('proposalNumber', 'Số Tờ trình đề nghị khen thưởng', '', { required: true, max: 64 })}
    ${input('proposalDate', 'Ngày Tờ trình', vnDate(new Date()), { type: 'date', required: true })}
    <input type="hidden" name="version" value="${d.version}" />`;
  return html`<details class="reason-form">
    <summary class="button primary">Đề nghị khen thưởng…</summary>
    ${fileImportForm(
      csrfToken(req),
      `/dossiers/${d.id}/award-proposal`,
      {
        id: 'f-award-report',
        label: 'Báo cáo thành tích của đơn vị (PDF, Word hoặc ảnh)',
        accept: '.pdf,.doc,.docx,image/*',
      },
      fields,
      'Gửi đề nghị khen thưởng',
    )}
  </details>`;
}

/** The award dossier on the dossier's page: proposal, report, Sở Nội vụ's appraisal, the council's minutes. */
export function awardDossierCard(d: DossierView, req: Request): HtmlValue {
  const p = d.awardProposal;
  if (!p) return '';
  const appraisal = p.appraisal
    ? html`<p>
        <strong>Thẩm định của Sở Nội vụ</strong> (${showDateTime(p.appraisal.appraisedAt)}):
        ${p.appraisal.opinion}${p.appraisal.score !== null ? html` — ${p.appraisal.score} điểm` : ''}
      </p>`
    : d.editable.awardAppraisal
      ? html`<form method="post" action="/dossiers/${d.id}/award-appraisal" class="stack">
          ${csrfField(req)}<input type="hidden" name="version" value="${d.version}" />
          <label for="f-opinion">Ý kiến thẩm định (bắt buộc)</label>
          <textarea id="f-opinion" name="opinion" rows="3" maxlength="4000" required></textarea>
          ${input('score', 'Điểm thẩm định (0–100, không bắt buộc)', '', { type: 'number' })}
          <button type="submit" class="primary">Ghi nhận thẩm định</button>
        </form>`
      : html`<p class="muted">Chờ Sở Nội vụ thẩm định.</p>`;
  return html`<section class="card" aria-labelledby="award-title">
    <h2 id="award-title">Hồ sơ đề nghị khen thưởng</h2>
    <p>
      Tờ trình số ${p.proposalNumber} ngày ${vnShortDate(p.proposalDate)} ·
      <a href="${p.reportUrl}">Báo cáo thành tích (${p.reportFileName})</a>
    </p>
    ${appraisal}
    ${
      d.councilMinutes.length
        ? html`<ul class="plain">
            ${d.councilMinutes.map((m) => html`<li><a href="${m.minutesUrl}">Biên bản: ${m.title}</a></li>`)}
          </ul>`
        : html`<p class="muted">Chưa có biên bản họp Hội đồng Thi đua – Khen thưởng.</p>`
    }
  </section>`;
}
