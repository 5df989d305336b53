import type { Request } from 'express';
import type { DossierView } from '../../dossiers/dossier.view';
import { EVENTS_WITH_REASON } from '../../dossiers/dossier.schemas';
import type { getDossierHistory } from '../../dossiers/history.service';
import { EVENT_LABELS } from '../../dossiers/labels';
import { stateLabel } from '../../dossiers/dossier-rules';
import { fieldError, showDateTime } from '../components';
import { errorId, type FormState } from '../forms';
import { attrIf, html, type SafeHtml } from '../html';
import { csrfField } from '../layout';
import { awardProposalForm } from './award-dossier.html';

type History = Awaited<ReturnType<typeof getDossierHistory>>;

/** What an irreversible step says before it is taken (the page's script asks; see app.js). */
function confirmFor(type: string, year: number): SafeHtml | '' {
  if (type === 'REJECT')
    return html`data-confirm="Từ chối hồ sơ: hồ sơ năm ${year} của đơn vị kết thúc tại đây và không thể hoàn
    tác. Đơn vị được thông báo lý do. Tiếp tục?"`;
  return '';
}

/** One button per allowed event; the events whose schema requires a reason ask for it first. */
export function eventButtons(d: DossierView, req: Request, form: FormState): SafeHtml {
  if (!d.allowedEvents.length)
    return html`<p class="muted">Bạn không có thao tác nào với hồ sơ ở trạng thái này.</p>`;
  return html`<div class="actions">
    ${d.allowedEvents.map((type) => {
      const label = EVENT_LABELS[type];
      const common = html`${csrfField(req)}<input type="hidden" name="type" value="${type}" /><input
          type="hidden"
          name="version"
          value="${d.version}"
        />`;
      if (type === 'WITHDRAW') {
        // Withdrawing ends the dossier for the year: ask once more.
        return html`<details class="reason-form">
          <summary class="button danger">${label}…</summary>
          <form method="post" action="/dossiers/${d.id}/events">
            ${common}
            <p>Rút hồ sơ sẽ kết thúc hồ sơ năm ${d.year} của đơn vị; không thể hoàn tác.</p>
            <button type="submit" class="danger">Xác nhận: ${label}</button>
          </form>
        </details>`;
      }
      // The award is proposed with its Tờ trình and achievement report (a form with a file).
      if (type === 'PROPOSE_AWARD') return awardProposalForm(d, req);
      if (!EVENTS_WITH_REASON.has(type)) {
        return html`<form method="post" action="/dossiers/${d.id}/events" class="inline">
          ${common}<button type="submit" class="primary">${label}</button>
        </form>`;
      }
      const rName = `reason_${type}`;
      const err = form.values.type === type ? form.errors.reason : undefined;
      return html`<details class="reason-form" ${attrIf(!!err, 'open')}>
        <summary class="button ${type === 'RETURN' ? '' : 'danger'}">${label}…</summary>
        <form method="post" action="/dossiers/${d.id}/events" ${confirmFor(type, d.year)}>
          ${common}
          <label for="f-${rName}">Lý do (bắt buộc)</label>
          <textarea
            id="f-${rName}"
            name="reason"
            rows="3"
            maxlength="4000"
            required${err ? html` aria-invalid="true" aria-describedby="${errorId('reason')}"` : ''}
          >
${form.values.type === type ? (form.values.reason ?? '') : ''}</textarea
          >${fieldError('reason', err)}
          ${
            type === 'RETURN'
              ? html`<fieldset class="criteria-pick">
                  <legend>Tiêu chí cần bổ sung, sửa chữa</legend>
                  ${d.criteriaSet.items.map(
                    (c) =>
                      html`<div class="crit-note">
                        <label><input type="checkbox" name="criteria" value="${c.code}" /> ${c.code}</label>
                        <label class="sr-only" for="f-critnote-${c.code}">Cần bổ sung gì ở ${c.code}</label>
                        <input
                          id="f-critnote-${c.code}"
                          name="critnote_${c.code}"
                          maxlength="2000"
                          placeholder="Cần bổ sung gì (không bắt buộc)"
                        />
                      </div>`,
                  )}
                </fieldset>`
              : ''
          }
          <button type="submit" class="${type === 'RETURN' ? 'primary' : 'danger'}">
            Xác nhận: ${label}
          </button>
        </form>
      </details>`;
    })}
  </div>`;
}

/** The unit's instructions when the dossier was returned. */
export function returnNotice(d: DossierView): SafeHtml {
  const r = d.returnRequest as
    { reason?: string; criteria?: { code: string; note?: string }[] } | null | undefined;
  if (!r?.reason) return html``;
  return html`<section class="card warn" aria-labelledby="ret">
    <h2 id="ret">Hồ sơ bị trả lại</h2>
    <p>${r.reason}</p>
    ${r.criteria?.length ? html`<p>Tiêu chí cần bổ sung: ${r.criteria.map((c) => html`<strong>${c.code}</strong>${c.note ? html` (${c.note})` : ''} `)}</p>` : ''}
  </section>`;
}

/** The file and criterion an evidence step was about, or the criteria a score step touched. */
function whatOf(e: History[number]): SafeHtml | '' {
  const d = (e.details ?? {}) as { fileName?: string; criterionCode?: string | null; criteria?: string[] };
  if (d.fileName)
    return html`<div class="muted">
      Tệp “${d.fileName}”${d.criterionCode ? html` — tiêu chí ${d.criterionCode}` : ' — tài liệu chung'}
    </div>`;
  if (d.criteria?.length) return html`<div class="muted">Tiêu chí: ${d.criteria.join(', ')}</div>`;
  return '';
}

/** The dossier's outcome when it ended with a reason (rejected, or its recognition revoked), at the top. */
export function outcomeNotice(d: DossierView, history: History): SafeHtml | '' {
  const last = [...history].reverse().find((e) => e.from !== e.to);
  if (!last?.reason || last.to !== d.state || !['REJECT', 'REVOKE'].includes(last.type)) return '';
  return html`<section class="card warn" aria-labelledby="outcome">
    <h2 id="outcome">${last.type === 'REJECT' ? 'Hồ sơ không được chấp nhận' : 'Công nhận đã bị thu hồi'}</h2>
    <p>${last.reason}</p>
    <p class="muted">${last.actor.displayName} (${last.actor.roleLabel}), ${showDateTime(last.at)}</p>
  </section>`;
}

/** The history timeline with reasons. */
export function timeline(history: History): SafeHtml {
  return html`<ol class="timeline">
    ${[...history].reverse().map(
      (e) =>
        html`<li>
          <time datetime="${e.at}">${showDateTime(e.at)}</time> <strong>${e.label}</strong>
          ${e.from && e.to && e.from !== e.to ? html` <span class="muted">${stateLabel(e.from)} → ${stateLabel(e.to)}</span>` : ''}
          <span class="muted">· ${e.actor.displayName} (${e.actor.roleLabel})</span
          >${whatOf(e)}${e.reason ? html`<blockquote>${e.reason}</blockquote>` : ''}
        </li>`,
    )}
  </ol>`;
}

/** The admin's extension of a dossier's submission deadline (audited as EXTEND_DEADLINE). */
export function extensionForm(d: DossierView, req: Request, form: FormState): SafeHtml {
  if (!d.editable.submissionDeadline) return html``;
  return html`<details class="reason-form" ${attrIf(!!(form.errors.until || form.errors.reason), 'open')}>
    <summary class="button">Gia hạn nộp hồ sơ…</summary>
    <form method="post" action="/dossiers/${d.id}/extension">
      ${csrfField(req)}<input type="hidden" name="version" value="${d.version}" />
      <label for="f-until">Hạn mới</label>
      <input
        id="f-until"
        type="date"
        name="until"
        required
        value="${form.values.until ?? ''}"
        ${form.errors.until ? html` aria-invalid="true" aria-describedby="${errorId('until')}"` : ''}
      />
      ${fieldError('until', form.errors.until)}
      <label for="f-ext-reason">Lý do gia hạn</label>
      <textarea id="f-ext-reason" name="reason" rows="2" maxlength="2000" required>
${form.values.reason ?? ''}</textarea>
      ${fieldError('reason', form.errors.reason)}
      <button type="submit" class="primary">Xác nhận gia hạn</button>
    </form>
  </details>`;
}
