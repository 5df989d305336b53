import type { ReturnChanges } from '../../dossiers/return-changes.service';
import { showDateTime } from '../components';
import { html, type SafeHtml } from '../html';

const cell = (s: ReturnChanges['scores'][number]['before']) =>
  s
    ? html`${s.points}${s.note ? html`<div class="note">${s.note}</div>` : ''}`
    : html`<span class="muted">—</span>`;

/** Since the latest return: each changed criterion before and after, and evidence added and removed. */
export function returnChangesCard(c: ReturnChanges | null): SafeHtml | '' {
  if (!c) return '';
  const nothing = !c.scores.length && !c.added.length && !c.removed.length;
  return html`<section class="card" aria-labelledby="changes-title">
    <h2 id="changes-title">Thay đổi kể từ khi trả lại (${showDateTime(c.returnedAt)})</h2>
    ${c.reason ? html`<p class="muted">Lý do trả lại: ${c.reason}</p>` : ''}
    ${nothing ? html`<p>Đơn vị chưa thay đổi điểm tự chấm hay minh chứng.</p>` : ''}
    ${
      c.scores.length
        ? html`<div class="table-wrap">
            <table class="list">
              <caption>
                Điểm tự chấm đã sửa
              </caption>
              <thead>
                <tr>
                  <th scope="col">Tiêu chí</th>
                  <th scope="col">Khi trả lại</th>
                  <th scope="col">Hiện nay</th>
                </tr>
              </thead>
              <tbody>
                ${c.scores.map(
                  (s) =>
                    html`<tr>
                      <td class="lead">${s.code}</td>
                      <td data-label="Khi trả lại">${cell(s.before)}</td>
                      <td data-label="Hiện nay">${cell(s.after)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : ''
    }
    ${c.added.length ? html`<p>Minh chứng bổ sung: ${files(c.added)}</p>` : ''}
    ${c.removed.length ? html`<p>Minh chứng đã gỡ: ${files(c.removed)}</p>` : ''}
  </section>`;
}

const files = (list: ReturnChanges['added']) =>
  list.map(
    (f, i) =>
      html`${i ? '; ' : ''}“${f.fileName}”${f.criterionCode ? ` (${f.criterionCode})` : ' (tài liệu chung)'}`,
  );
