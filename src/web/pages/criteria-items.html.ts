import { html, type HtmlValue, type SafeHtml } from '../html';

interface Item {
  code: string;
  title: string;
  groupTitle?: string | null;
  maxPoints: number;
  mandatory: boolean;
  evidenceRequired: boolean;
}

/** A criteria set's items as a table (a stored version, or one previewed before import). */
export function criteriaItemsTable(items: readonly Item[], caption: HtmlValue): SafeHtml {
  return html`<div class="table-wrap">
    <table class="list">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Mã</th>
          <th scope="col">Nội dung</th>
          <th scope="col">Điểm tối đa</th>
          <th scope="col">Bắt buộc</th>
          <th scope="col">Cần minh chứng</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (i) =>
            html`<tr>
              <td data-label="Mã">${i.code}</td>
              <td data-label="Nội dung">
                ${i.groupTitle ? html`<small>${i.groupTitle}</small><br />` : ''}${i.title}
              </td>
              <td data-label="Điểm tối đa">${i.maxPoints}</td>
              <td data-label="Bắt buộc">${i.mandatory ? 'Có' : 'Không'}</td>
              <td data-label="Cần minh chứng">${i.evidenceRequired ? 'Có' : 'Không'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
