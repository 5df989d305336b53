import type { Request, Response } from 'express';
import type { AppContext } from '../../app-context';
import { may } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { vnDate } from '../../calendar/time';
import { decisionHistory } from '../../decisions/decision-log';
import { getDecisionForUser } from '../../decisions/decision-lookup';
import { decisionEventLabel, decisionHasTag, decisionStateLabel } from '../../decisions/decision-rules';
import { decisionView } from '../../decisions/decision.view';
import type { DecisionEventType } from '../../../machines/decision.machine';
import { csrfToken } from '../../http/csrf';
import { fileImportForm, input, showDate, showDateTime } from '../components';
import type { FormState } from '../forms';
import { takeForm } from '../forms';
import { html, type SafeHtml } from '../html';
import { csrfField } from '../layout';
import { renderPage } from '../render';
import { minutesFor } from '../../meetings/meeting-results';

export const KIND_LABELS = { recognition: 'Công nhận', award: 'Khen thưởng', revocation: 'Thu hồi' } as const;

type View = ReturnType<typeof decisionView>;

/** One form per step this user may take; RETURN and CANCEL ask for the reason, ISSUE for number and date. */
function actions(ctx: AppContext, d: View, req: Request, form: FormState): SafeHtml {
  if (!d.allowedEvents.length)
    return html`<p class="muted">Bạn không có thao tác nào với quyết định ở bước này.</p>`;
  const common = (type: DecisionEventType) =>
    html`${csrfField(req)}<input type="hidden" name="type" value="${type}" /><input
        type="hidden"
        name="version"
        value="${d.version}"
      />`;
  return html`<div class="actions">
    ${d.allowedEvents.map((type) => {
      const label = decisionEventLabel(type);
      if (type === 'RETURN' || type === 'CANCEL') {
        return html`<details class="reason-form">
          <summary class="button ${type === 'CANCEL' ? 'danger' : ''}">${label}…</summary>
          <form
            method="post"
            action="/decisions/${d.id}/events"
            ${type === 'CANCEL' ? html`data-confirm="Hủy dự thảo quyết định: dự thảo kết thúc, các hồ sơ trở lại chờ quyết định khác. Không thể hoàn tác. Tiếp tục?"` : ''}
          >
            ${common(type)}
            <label for="f-reason-${type}">Lý do (bắt buộc)</label>
            <textarea id="f-reason-${type}" name="reason" rows="3" maxlength="4000" required></textarea>
            <button type="submit" class="${type === 'CANCEL' ? 'danger' : 'primary'}">
              Xác nhận: ${label}
            </button>
          </form>
        </details>`;
      }
      if (type === 'ISSUE') {
        return html`<form
          method="post"
          action="/decisions/${d.id}/events"
          class="stack"
          data-confirm="Ban hành quyết định: quyết định được lấy số trong sổ văn bản, đóng dấu số và cấp giấy chứng nhận; sau khi ban hành không thể sửa hay hủy (chỉ có thể thu hồi bằng quyết định khác). Tiếp tục?"
        >
          ${common(type)}
          ${input('number', 'Số văn bản (để trống: số tiếp theo của sổ)', form.values.number ?? '', { type: 'number', error: form.errors.number })}
          ${input('issuedAt', 'Ngày ban hành', form.values.issuedAt ?? vnDate(ctx.clock()), { type: 'date', required: true, error: form.errors.issuedAt })}
          <button type="submit" class="primary">${label}</button>
        </form>`;
      }
      return html`<form method="post" action="/decisions/${d.id}/events" class="inline">
        ${common(type)}<button type="submit" class="primary">${label}</button>
      </form>`;
    })}
  </div>`;
}

function facts(d: View): SafeHtml {
  return html`<dl class="facts">
    <dt>Loại</dt>
    <dd>${KIND_LABELS[d.kind]}</dd>
    <dt>Bước</dt>
    <dd>${d.stateLabel}</dd>
    <dt>Số, ngày</dt>
    <dd>${d.number ? html`${d.number} ngày ${showDate(d.issuedAt ?? '')}` : 'Chưa cấp số'}</dd>
    <dt>Tờ trình</dt>
    <dd>${d.proposal.number ?? '—'} ngày ${showDate(d.proposal.date ?? '')} — ${d.proposal.body ?? ''}</dd>
    <dt>Người ký</dt>
    <dd>
      ${d.signer.title ?? ''}
      ${d.signer.name ?? ''}${d.signedAt ? html` (đã ký ngày ${showDate(d.signedAt)})` : ''}
    </dd>
    ${
      d.reason
        ? html`<dt>Lý do thu hồi</dt>
            <dd>${d.reason}</dd>`
        : ''
    }
    ${
      d.returnReason
        ? html`<dt>Lý do trả lại</dt>
            <dd>${d.returnReason}</dd>`
        : ''
    }
  </dl>`;
}

function downloads(d: View): SafeHtml {
  const docs = d.kind === 'award' ? 'Bằng khen' : 'Giấy chứng nhận';
  const issued = decisionHasTag(d.state, 'numbered');
  return html`<p class="downloads">
    <a class="button primary" href="/api/decisions/${d.id}/pdf"
      >${issued ? 'Tải quyết định (PDF)' : 'Xem dự thảo (PDF)'}</a
    >
    ${
      issued && d.kind !== 'revocation'
        ? html`<a class="button" href="/decisions/${d.id}/certificates.pdf"
              >Tất cả ${docs.toLowerCase()} (một PDF)</a
            >
            <a class="button" href="/decisions/${d.id}/certificates.zip"
              >Tất cả ${docs.toLowerCase()} (ZIP)</a
            >`
        : ''
    }
  </p>`;
}

/**
 * The document itself, shown where it is decided on: the signer reads the draft they sign, the văn thư
 * what they issue. Phones without a PDF viewer get the download link above.
 */
function preview(d: View): SafeHtml {
  if (decisionHasTag(d.state, 'numbered') || !decisionHasTag(d.state, 'open')) return html``;
  return html`<section class="card doc-preview" aria-labelledby="preview-title">
    <h2 id="preview-title">Bản dự thảo</h2>
    <iframe src="/api/decisions/${d.id}/pdf" title="Bản dự thảo quyết định (PDF)" loading="lazy"></iframe>
  </section>`;
}

/**
 * The leader's other ways to sign (beside the button that uses the key held here): their own token
 * software on `signing.pdf`, and the remote signing service where one is configured.
 */
function signingWays(ctx: AppContext, req: Request, d: View): SafeHtml {
  if (!d.allowedEvents.includes('SIGN')) return html``;
  return html`<details class="reason-form">
      <summary class="button">Ký bằng thiết bị ký số của bạn…</summary>
      <ol class="steps">
        <li>
          <a href="/api/decisions/${d.id}/signing.pdf">Tải tệp cần ký</a> và ký bằng phần mềm ký số (USB
          token).
        </li>
        <li>Tải tệp đã ký lên:</li>
      </ol>
      ${fileImportForm(
        csrfToken(req),
        `/decisions/${d.id}/signed`,
        { id: 'f-signed', label: 'Tệp đã ký (PDF)', accept: '.pdf,application/pdf' },
        html`<input type="hidden" name="version" value="${d.version}" />`,
        'Tải lên và ký',
      )}
    </details>
    ${
      ctx.config.signing.remote.url
        ? html`<form method="post" action="/decisions/${d.id}/remote-signing" class="inline">
            ${csrfField(req)}<input type="hidden" name="version" value="${d.version}" />
            <button type="submit">Ký số từ xa (xác nhận trên điện thoại)</button>
          </form>`
        : ''
    }`;
}

/** The văn thư attaches the scan of the copy signed and sealed on paper, once the decision is issued. */
function scanForm(req: Request, d: View): SafeHtml {
  const user = currentUser(req);
  const issued = decisionHasTag(d.state, 'numbered');
  const kept = d.scan
    ? html`<p>
        Bản quét đã đính kèm: <a href="/api/decisions/${d.id}/scan">${d.scan.fileName ?? 'bản quét'}</a>
        <br /><small>SHA-256: <code>${d.scan.sha256}</code></small>
      </p>`
    : html``;
  if (!issued || !may(user, 'decision.attachScan')) return kept;
  return html`${kept}
    <details class="reason-form">
      <summary class="button">${d.scan ? 'Thay bản quét…' : 'Đính kèm bản quét văn bản đã ký…'}</summary>
      ${fileImportForm(
        csrfToken(req),
        `/decisions/${d.id}/scan`,
        {
          id: 'f-scan',
          label: 'Bản quét (PDF hoặc ảnh)',
          accept: '.pdf,image/png,image/jpeg,application/pdf',
        },
        '',
        'Đính kèm',
      )}
    </details>`;
}

function units(d: View): SafeHtml {
  const docs = d.kind === 'award' ? 'Bằng khen' : 'Giấy chứng nhận';
  return html`<div class="table-wrap">
    <table class="list">
      <caption>
        Đơn vị trong quyết định
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Đơn vị</th>
          <th scope="col">Số hiệu</th>
          <th scope="col">Tài liệu</th>
        </tr>
      </thead>
      <tbody>
        ${d.items.map(
          (i, n) =>
            html`<tr>
              <td>${n + 1}</td>
              <td>
                <a href="/dossiers/${i.dossierId}">${i.unitName}</a
                >${i.districtName ? html`, ${i.districtName}` : ''}
              </td>
              <td>${i.serial ? html`<a href="/verify/${i.serial}">${i.serial}</a>` : '—'}</td>
              <td>
                ${i.serial ? html`<a href="/api/dossiers/${i.dossierId}/${d.kind === 'award' ? 'award' : 'certificate'}.pdf">${docs}</a>` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** GET /decisions/:id: the decision, its steps, what this user may do, its documents. */
export async function decisionDetailPage(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const user = currentUser(req);
  const found = await getDecisionForUser(ctx.ds.manager, user, String(req.params.id));
  const d = decisionView(user, found.decision, found.items);
  const history = await decisionHistory(ctx.ds.manager, d.id);
  // The council's minutes that approved its dossiers go with the proposal (Tờ trình).
  const minutes =
    d.kind === 'revocation'
      ? []
      : await minutesFor(
          ctx.ds.manager,
          d.kind,
          found.items.map((i) => i.dossierId),
        );
  const title = d.number
    ? `Quyết định số ${d.number}`
    : `Dự thảo quyết định ${KIND_LABELS[d.kind].toLowerCase()}`;
  await renderPage(ctx, req, res, {
    title,
    section: 'decisions',
    body: html`<h1>${title}</h1>
      <div class="columns">
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title">Thông tin</h2>
          ${facts(d)} ${downloads(d)}
          ${minutes.map((m) => html`<p><a href="${m.minutesUrl}">Biên bản họp Hội đồng: ${m.title}</a></p>`)}
        </section>
        <section class="card" aria-labelledby="act-title">
          <h2 id="act-title">Thao tác</h2>
          ${actions(ctx, d, req, takeForm(req))} ${signingWays(ctx, req, d)} ${scanForm(req, d)}
        </section>
      </div>
      ${preview(d)} ${units(d)}
      <section class="card" aria-labelledby="hist-title">
        <h2 id="hist-title">Các bước đã qua</h2>
        <ol class="timeline">
          ${[...history].reverse().map(
            (e) =>
              html`<li>
                <time datetime="${e.at}">${showDateTime(e.at)}</time>
                <strong
                  >${e.type === 'CREATE' ? 'Lập dự thảo' : decisionEventLabel(e.type as DecisionEventType)}</strong
                >
                <span class="muted"
                  >${e.from ? `${decisionStateLabel(e.from)} → ` : ''}${decisionStateLabel(e.to)} ·
                  ${e.actorUsername}</span
                >
                ${e.reason ? html`<blockquote>${e.reason}</blockquote>` : ''}
              </li>`,
          )}
        </ol>
      </section>`,
  });
}
