import type { Request } from 'express';
import type { ScoreStage } from '../../../machines/domain';
import type { DossierView } from '../../dossiers/dossier.view';
import { progressSteps, stateLabel } from '../../dossiers/dossier-rules';
import { EVENT_LABELS } from '../../dossiers/labels';
import { CSRF_FIELD, csrfToken } from '../../http/csrf';
import { fieldError, stateBadge } from '../components';
import { errorId, type FormState } from '../forms';
import { previewable } from '../../attachments/file-types';
import { html, type SafeHtml } from '../html';
import { csrfField } from '../layout';

type Stage = ScoreStage;

/** The state as a step indicator (an ordered list; the current step is marked for screen readers too). */
export function stepIndicator(d: DossierView): SafeHtml {
  const path = progressSteps(d.unit.managedBy, d.state);
  const at = path.indexOf(d.state);
  const off = at === -1;
  return html`<ol class="steps" aria-label="Tiến trình hồ sơ">
      ${path.map((s, i) => {
        const cls = off ? 'todo' : i < at ? 'done' : i === at ? 'current' : 'todo';
        return html`<li class="${cls}" ${i === at ? html` aria-current="step"` : ''}>${stateLabel(s)}</li>`;
      })}
    </ol>
    ${off ? html`<p class="terminal">Hồ sơ đã kết thúc: ${stateBadge(d.state)}</p>` : ''}`;
}

const STAGE_LABELS: Record<Stage, string> = {
  self: 'Đơn vị tự chấm',
  district: 'Cấp huyện',
  provincial: 'Cấp tỉnh',
};

function stageScores(d: DossierView, stage: Stage) {
  const list =
    stage === 'self' ? d.selfAssessment.scores : (d.reviews.find((r) => r.stage === stage)?.scores ?? []);
  return new Map(list.map((s) => [s.criterionCode, s]));
}

const formId = (prefix: string, key: string) => `${prefix}-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/** "20 MB", or "64 KB" below a megabyte. */
const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;

/** An inline look at a PDF or an image, loaded only when opened; other files are downloaded. */
function preview(dossierId: string, a: DossierView['attachments'][number]): SafeHtml | '' {
  if (!previewable(a.mimeType)) return '';
  const src = `/api/dossiers/${dossierId}/attachments/${a.id}?view=inline`;
  // The frame or image loads when opened (app.js); without script the link shows the file in a new tab.
  return html` <details
    class="preview"
    data-preview="${src}"
    data-kind="${a.mimeType === 'application/pdf' ? 'pdf' : 'image'}"
    data-title="${a.fileName}"
  >
    <summary>Xem trước</summary>
    <a href="${src}" target="_blank" rel="noopener">Mở ${a.fileName} trong thẻ mới</a>
  </details>`;
}

/** The files of one criterion (or the dossier's general ones): download, preview, remove where allowed. */
export function evidenceList(d: DossierView, code: string | null, canEdit: boolean) {
  const files = d.attachments.filter((a) => a.criterionCode === code);
  if (!files.length) return html``;
  return html`<ul class="files">
    ${files.map(
      (a) =>
        html`<li>
          <a href="/api/dossiers/${d.id}/attachments/${a.id}">${a.fileName}</a>
          <small>(${Math.ceil(a.size / 1024)} KB)</small>${preview(d.id, a)}${
            canEdit
              ? html` <button
                  type="submit"
                  form="${formId('del', a.id)}"
                  class="link danger"
                  aria-label="Gỡ tệp ${a.fileName}"
                >
                  Gỡ
                </button>`
              : ''
          }
        </li>`,
    )}
  </ul>`;
}

/**
 * The upload control. HTML forms cannot nest, so the controls inside the scores table belong to a form
 * placed after it (`form=` attribute, see `detachedForms`). Without script the form posts to the page
 * route; app.js uploads through the API with a progress bar and accepts a dropped file.
 */
export function uploadControls(d: DossierView, code: string | null, limitBytes: number): SafeHtml {
  const form = formId('up', code ?? 'chung');
  const input = `file-${code ?? 'chung'}`;
  return html`<div class="upload" data-form="${form}" data-upload="/api/dossiers/${d.id}/attachments">
    <label for="${input}"
      >Tệp minh chứng${code ? html` cho ${code}` : ''} (PDF, ảnh, Word, Excel; mỗi tệp tối đa
      ${sizeText(limitBytes)}; có thể chọn nhiều tệp hoặc kéo thả vào đây)</label
    >
    <input
      id="${input}"
      type="file"
      name="file"
      form="${form}"
      required
      accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods"
    />
    <button type="submit" form="${form}">Tải lên</button>
    <span class="upload-status" role="status"></span>
  </div>`;
}

/** The upload and remove forms that the controls inside the scores table point to. */
export function detachedForms(d: DossierView, req: Request, canEdit: boolean): SafeHtml {
  if (!canEdit) return html``;
  const token = encodeURIComponent(csrfToken(req));
  const codes: (string | null)[] = [null, ...d.criteriaSet.items.map((c) => c.code)];
  return html`<div hidden>
    ${codes.map(
      (code) =>
        html`<form
          id="${formId('up', code ?? 'chung')}"
          method="post"
          enctype="multipart/form-data"
          action="/dossiers/${d.id}/attachments?${CSRF_FIELD}=${token}"
        >
          ${code ? html`<input type="hidden" name="criterionCode" value="${code}" />` : ''}
        </form>`,
    )}
    ${d.attachments.map((a) => html`<form id="${formId('del', a.id)}" method="post" action="/dossiers/${d.id}/attachments/${a.id}/delete" data-confirm="Gỡ tệp minh chứng “${a.fileName}” khỏi hồ sơ? Tệp không còn được tính là minh chứng (lịch sử hồ sơ vẫn ghi lại).">${csrfField(req)}</form>`)}
  </div>`;
}

/**
 * The criteria table: the unit's scores and the reviewers' side by side. Inputs appear only for the score
 * sheet this user may save now, and evidence controls only where evidence may change (the dossier's rules).
 */
export function scoresForm(d: DossierView, req: Request, form: FormState, limitBytes: number): SafeHtml {
  const stage = d.editable.scoringStage;
  const stages: Stage[] = ['self', ...d.reviews.map((r) => r.stage)];
  if (stage && !stages.includes(stage)) stages.push(stage);
  const maps = new Map(stages.map((s) => [s, stageScores(d, s)]));
  // "Lấy điểm của đơn vị": the reviewer's column starts from the unit's own scores (nothing saved yet).
  const prefill = stage && stage !== 'self' && req.query.prefill === 'unit' ? maps.get('self') : undefined;
  const evidenceEditable = d.editable.evidence;
  const groups = new Map<string, DossierView['criteriaSet']['items']>();
  for (const c of d.criteriaSet.items) {
    const g = c.groupTitle ?? 'Tiêu chí';
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const cell = (s: Stage, code: string, max: number) => {
    const score = maps.get(s)?.get(code);
    if (s !== stage)
      return html`<td class="num" data-label="${STAGE_LABELS[s]}">
        ${score ? score.points : '—'}${score?.note ? html`<div class="note">${score.note}</div>` : ''}
      </td>`;
    const pName = `points_${code}`;
    const nName = `note_${code}`;
    const pError = form.errors[pName];
    return html`<td class="edit" data-label="${STAGE_LABELS[s]} (bạn chấm)">
      <label class="sr-only" for="f-${pName}">Điểm ${code} (tối đa ${max})</label>
      <input
        id="f-${pName}"
        name="${pName}"
        type="number"
        min="0"
        max="${max}"
        step="1"
        inputmode="numeric"
        class="points"
        data-max="${max}"
        value="${form.values[pName] ?? prefill?.get(code)?.points ?? score?.points ?? ''}"
        ${pError ? html` aria-invalid="true" aria-describedby="${errorId(pName)}"` : ''}
      />
      <span class="max">/ ${max}</span>${fieldError(pName, pError)}
      <label class="sr-only" for="f-${nName}">Ghi chú ${code}</label>
      <textarea id="f-${nName}" name="${nName}" rows="1" maxlength="2000" placeholder="Ghi chú">
${form.values[nName] ?? score?.note ?? ''}</textarea>
    </td>`;
  };
  const rows = [...groups].map(
    ([group, items]) =>
      html`<tbody>
        <tr class="group">
          <th colspan="${2 + stages.length}" scope="colgroup">${group}</th>
        </tr>
        ${items.map(
          (c) =>
            html`<tr data-code="${c.code}" data-mandatory="${c.mandatory ? '1' : '0'}" data-met="${c.metAt}">
              <th scope="row" class="crit">
                <strong>${c.code}</strong
                >${c.mandatory ? html` <span class="tag mandatory" title="Tiêu chí bắt buộc">bắt buộc</span>` : ''}${c.evidenceRequired ? html` <span class="tag">cần minh chứng</span>` : ''}
                <div>${c.title}</div>
                ${evidenceList(d, c.code, evidenceEditable)}${fieldError(`evidence_${c.code}`, form.errors[`evidence_${c.code}`])}
                ${
                  evidenceEditable
                    ? html`<details class="add-file">
                        <summary class="button">Thêm minh chứng</summary>
                        ${uploadControls(d, c.code, limitBytes)}
                      </details>`
                    : ''
                }
              </th>
              <td class="num" data-label="Tối đa">${c.maxPoints}</td>
              ${stages.map((s) => cell(s, c.code, c.maxPoints))}
            </tr>`,
        )}
      </tbody>`,
  );
  const totals = stages.map((s) => {
    const ev = s === 'self' ? d.selfAssessment : d.reviews.find((r) => r.stage === s);
    return html`<td
      class="num total"
      data-label="${STAGE_LABELS[s]}"
      ${s === stage ? html` data-total="live"` : ''}
    >
      ${ev ? html`<strong>${ev.total}</strong>` : '—'}
    </td>`;
  });
  const table = html`<div class="table-wrap">
    <table class="scores">
      <caption>
        Bảng chấm điểm — ${d.criteriaSet.title} (phiên bản ${d.criteriaSet.version}); điểm đạt:
        ${d.criteriaSet.passingScore}
      </caption>
      <thead>
        <tr>
          <th scope="col">Tiêu chí</th>
          <th scope="col">Tối đa</th>
          ${stages.map((s) => html`<th scope="col">${STAGE_LABELS[s]}</th>`)}
        </tr>
      </thead>
      ${rows}
      <tfoot>
        <tr>
          <th scope="row">Tổng điểm</th>
          <td class="num" data-label="Tối đa">${d.selfAssessment.maxTotal}</td>
          ${totals}
        </tr>
      </tfoot>
    </table>
  </div>`;
  if (!stage) {
    // Before the self-assessment starts there is nothing to type into: starting it opens the score sheet.
    const startFirst = d.allowedEvents.includes('START');
    return html`${startFirst ? html`<p class="hint">Nhấn <strong>${EVENT_LABELS.START}</strong> để nhập điểm tự chấm; minh chứng có thể tải lên ngay.</p>` : ''}${table}`;
  }
  const action = stage === 'self' ? 'self-assessment' : 'review-scores';
  return html`<form
    method="post"
    action="/dossiers/${d.id}/${action}"
    class="scores-form"
    data-passing="${d.criteriaSet.passingScore}"
  >
    ${csrfField(req)}<input type="hidden" name="version" value="${d.version}" />
    ${stage === 'self' ? '' : prefillNote(d, Boolean(prefill))} ${table}
    <p class="running" aria-live="polite" data-running></p>
    ${
      stage === 'self'
        ? html`<div class="field">
            <label for="f-report">Báo cáo kết quả xây dựng điển hình</label>
            <textarea id="f-report" name="report" rows="6" maxlength="100000">
${form.values.report ?? d.selfAssessment.report ?? ''}</textarea
            >${fieldError('report', form.errors.report)}
          </div>`
        : ''
    }
    <button type="submit" class="primary">Lưu điểm</button>
  </form>`;
}

/** The reviewer's shortcut to start from the unit's scores, or the note that the column was filled so. */
function prefillNote(d: DossierView, filled: boolean): SafeHtml {
  if (filled) {
    return html`<p class="flash ok" role="status">
      Đã điền sẵn điểm tự chấm của đơn vị vào cột của bạn. Kiểm tra, sửa nếu cần rồi bấm
      <strong>Lưu điểm</strong>; chưa có gì được lưu. <a href="/dossiers/${d.id}#scores-title">Bỏ điền sẵn</a>
    </p>`;
  }
  return html`<p class="hint">
    <a href="/dossiers/${d.id}?prefill=unit#scores-title">Lấy điểm của đơn vị</a> để bắt đầu từ điểm tự chấm
    (chỉ điền vào ô, chưa lưu).
  </p>`;
}
