import { UNIT_TYPE_LABELS, UNIT_TYPES } from '../../machines/domain';
import type { DossierState } from '../../machines/dossier.machine';
import { vnDate } from '../calendar/time';
import { stateLabel } from '../dossiers/dossier-rules';
import { attrIf, html, type HtmlValue, type SafeHtml } from './html';
import { errorId } from './forms';
import { CSRF_FIELD } from '../http/csrf';

const pad = (n: number) => String(n).padStart(2, '0');

/** "25/11/2026" for a date or a timestamp (in Vietnam's time zone). */
export function showDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = iso.length === 10 ? iso : vnDate(new Date(iso));
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** "25/11/2026 14:05" in Vietnam's time zone. */
export function showDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 7 * 3600_000);
  return `${showDate(iso)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export const stateBadge = (state: DossierState): SafeHtml =>
  html`<span class="state s-${state}">${stateLabel(state)}</span>`;

/** A due date with the overdue mark (text, not only colour). */
export const dueCell = (dueAt: string | null, overdue: boolean): SafeHtml =>
  dueAt
    ? html`<span class="${overdue ? 'overdue' : ''}"
        >${showDate(dueAt)}${overdue ? html` <strong>(quá hạn)</strong>` : ''}</span
      >`
    : html`<span class="muted">—</span>`;

export interface DossierRow {
  id: string;
  code: string | null;
  unit: { name: string; type: keyof typeof UNIT_TYPE_LABELS; districtName: string | null } | null;
  year: number;
  state: DossierState;
  dueAt: string | null;
  overdue: boolean;
  updatedAt: string;
}

/** The table of dossiers used by the inbox and the list. */
export function dossierTable(
  rows: DossierRow[],
  caption: string,
  pick?: (d: DossierRow) => { name: string; value: string },
): SafeHtml {
  if (!rows.length) return html`<p class="empty">Không có hồ sơ nào.</p>`;
  const box = (d: DossierRow) => {
    if (!pick) return '';
    const p = pick(d);
    return html`<td class="pick">
      <input type="checkbox" name="${p.name}" value="${p.value}" id="pick-${d.id}" /><label
        for="pick-${d.id}"
        class="sr-only"
        >Chọn ${d.unit?.name ?? d.id}</label
      >
    </td>`;
  };
  return html`<div class="table-wrap">
    <table class="list">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${pick ? html`<th scope="col"><span class="sr-only">Chọn</span></th>` : ''}
          <th scope="col">Đơn vị</th>
          <th scope="col">Loại</th>
          <th scope="col">Huyện</th>
          <th scope="col">Năm</th>
          <th scope="col">Trạng thái</th>
          <th scope="col">Hạn xử lý</th>
          <th scope="col">Cập nhật</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (d) => html`<tr${d.overdue ? html` class="row-overdue"` : ''}>
${box(d)}<td class="lead"><a href="/dossiers/${d.id}">${d.unit?.name ?? '(đơn vị)'}</a>${d.code ? html`<br /><small class="muted">${d.code}</small>` : ''}</td>
<td data-label="Loại">${d.unit ? UNIT_TYPE_LABELS[d.unit.type] : ''}</td>
<td data-label="Huyện">${d.unit?.districtName ?? '—'}</td>
<td data-label="Năm">${d.year}</td>
<td data-label="Trạng thái">${stateBadge(d.state)}</td>
<td data-label="Hạn xử lý">${dueCell(d.dueAt, d.overdue)}</td>
<td data-label="Cập nhật">${showDateTime(d.updatedAt)}</td></tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Page links that keep the current filters. */
export function pager(base: URLSearchParams, page: number, pageSize: number, total: number, path: string) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const link = (p: number, label: string, rel?: string) => {
    const q = new URLSearchParams(base);
    q.set('page', String(p));
    return html`<a href="${path}?${q.toString()}" ${rel ? html` rel="${rel}"` : ''}>${label}</a>`;
  };
  return html`<nav class="pager" aria-label="Phân trang">
    ${page > 1 ? link(page - 1, '‹ Trang trước', 'prev') : ''}
    <span>Trang ${page}/${pages} · ${total} hồ sơ</span>
    ${page < pages ? link(page + 1, 'Trang sau ›', 'next') : ''}
  </nav>`;
}

/** A labelled select; options as [value, label]. */
export function select(
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  current: string,
  extra: { empty?: string; required?: boolean; error?: string } = {},
): SafeHtml {
  return html`<div class="field">
    <label for="f-${name}">${label}</label>
    <select
      id="f-${name}"
      name="${name}"
      ${attrIf(!!extra.required, 'required')}${extra.error ? html` aria-invalid="true" aria-describedby="${errorId(name)}"` : ''}
    >
      ${extra.empty !== undefined ? html`<option value="">${extra.empty}</option>` : ''}
      ${options.map(([v, l]) => html`<option value="${v}" ${attrIf(v === current, 'selected')}>${l}</option>`)}</select
    >${fieldError(name, extra.error)}
  </div>`;
}

/** A labelled input. */
export function input(
  name: string,
  label: string,
  value: string,
  extra: {
    type?: string;
    required?: boolean;
    error?: string;
    max?: number;
    hint?: string;
    autocomplete?: string;
  } = {},
): SafeHtml {
  return html`<div class="field">
    <label for="f-${name}">${label}</label>
    <input
      id="f-${name}"
      name="${name}"
      type="${extra.type ?? 'text'}"
      value="${value}"
      ${attrIf(!!extra.required, 'required')}${extra.max ? html` maxlength="${extra.max}"` : ''}${extra.autocomplete ? html` autocomplete="${extra.autocomplete}"` : ''}${extra.error ? html` aria-invalid="true" aria-describedby="${errorId(name)}"` : ''}
    />
    ${extra.hint ? html`<small class="hint">${extra.hint}</small>` : ''}${fieldError(name, extra.error)}
  </div>`;
}

/** The message beside a field. */
export const fieldError = (name: string, message: string | undefined): HtmlValue =>
  message ? html`<p class="field-error" id="${errorId(name)}">${message}</p>` : '';

export const UNIT_TYPE_OPTIONS = UNIT_TYPES.map((t) => [t, UNIT_TYPE_LABELS[t]] as const);

/** A one-file upload form for imports (multipart: the CSRF token travels in the action URL). */
export function fileImportForm(
  token: string,
  action: string,
  file: { id: string; label: string; accept: string },
  extra: HtmlValue = '',
  submitLabel = 'Nhập',
): SafeHtml {
  return html`<form
    method="post"
    action="${action}?${CSRF_FIELD}=${encodeURIComponent(token)}"
    enctype="multipart/form-data"
    class="stack"
  >
    <label for="${file.id}">${file.label}</label>
    <input id="${file.id}" type="file" name="file" accept="${file.accept}" required />
    ${extra}
    <button type="submit" class="primary">${submitLabel}</button>
  </form>`;
}
