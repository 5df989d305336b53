import { UNIT_TYPE_LABELS } from '../../../machines/domain';
import type { DossierView } from '../../dossiers/dossier.view';
import { dueCell, showDate, stateBadge } from '../components';
import { html, type SafeHtml } from '../html';

/** Key facts: unit, year, due date, documents. */
export function summary(d: DossierView): SafeHtml {
  const docs = [
    html`<a href="/api/dossiers/${d.id}/score-sheet.pdf">Bảng chấm điểm (PDF)</a>`,
    d.receipts ? html`<a href="/api/dossiers/${d.id}/receipt.pdf">Phiếu tiếp nhận (PDF)</a>` : '',
    d.certificate
      ? html`<a href="/api/dossiers/${d.id}/certificate.pdf">Giấy chứng nhận (PDF)</a> ·
          <a href="/verify/${d.certificate.serial}">Tra cứu ${d.certificate.serial}</a>`
      : '',
    d.award ? html`<a href="/api/dossiers/${d.id}/award.pdf">Bằng khen (PDF)</a>` : '',
  ].filter(Boolean);
  return html`<dl class="facts">
    ${
      d.code
        ? html`<dt>Mã hồ sơ</dt>
            <dd><strong>${d.code}</strong></dd>`
        : ''
    }
    <dt>Đơn vị</dt>
    <dd>
      ${d.unit.name}
      (${UNIT_TYPE_LABELS[d.unit.type]})${d.unit.districtName ? html`, ${d.unit.districtName}` : ''}
    </dd>
    <dt>Năm</dt>
    <dd>${d.year}</dd>
    <dt>Trạng thái</dt>
    <dd>${stateBadge(d.state)}</dd>
    <dt>Hạn giai đoạn</dt>
    <dd>${dueCell(d.dueAt, d.overdue)}</dd>
    ${
      d.submissionDeadline
        ? html`<dt>Hạn nộp hồ sơ</dt>
            <dd>${showDate(d.submissionDeadline)}</dd>`
        : ''
    }
    <dt>Tài liệu</dt>
    <dd>${docs.map((x, i) => html`${i ? ' · ' : ''}${x}`)}</dd>
  </dl>`;
}
