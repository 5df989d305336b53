import type { Request } from 'express';
import { input } from '../components';
import { html, type SafeHtml } from '../html';
import { csrfField } from '../layout';

export interface MeetingFormOptions {
  action: string;
  purpose: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  choices: { id: string; label: string }[];
  checked: ReadonlySet<string>;
  submit: string;
  version?: number;
}

/** A meeting instant as the datetime-local input shows it: the time in Việt Nam. */
export const vnLocalInput = (iso: string): string =>
  new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

/** The meeting's title, place, time and agenda: the same form to prepare it and to change it. */
export function meetingForm(req: Request, o: MeetingFormOptions): SafeHtml {
  return html`<form method="post" action="${o.action}" class="stack card">
    ${csrfField(req)}<input type="hidden" name="purpose" value="${o.purpose}" />
    ${o.version ? html`<input type="hidden" name="version" value="${o.version}" />` : ''}
    ${input('title', 'Tên phiên họp', o.values.title ?? '', { required: true, max: 300, error: o.errors.title })}
    ${input('location', 'Địa điểm', o.values.location ?? '', { required: true, max: 300, error: o.errors.location })}
    ${input('meetingAt', 'Thời gian họp', o.values.meetingAt ?? '', {
      type: 'datetime-local',
      required: true,
      error: o.errors.meetingAt,
      hint: 'Sau khi hết thời gian công khai danh sách.',
    })}
    <fieldset>
      <legend>Hồ sơ đưa ra Hội đồng (${o.choices.length})</legend>
      ${
        o.choices.length
          ? o.choices.map(
              (c) =>
                html`<label
                  ><input
                    type="checkbox"
                    name="dossierIds"
                    value="${c.id}"
                    ${o.checked.has(c.id) ? html` checked` : ''}
                  />
                  ${c.label}</label
                >`,
            )
          : html`<p class="empty">Không có hồ sơ nào chờ Hội đồng xét.</p>`
      }
      ${o.errors.dossierIds ? html`<p class="field-error">${o.errors.dossierIds}</p>` : ''}
    </fieldset>
    <button type="submit" class="primary">${o.submit}</button>
  </form>`;
}
