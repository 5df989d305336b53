import type { Request } from 'express';
import { csrfToken } from '../../http/csrf';
import type { MeetingView } from '../../meetings/meeting.view';
import type { listComments } from '../../postings/comments.service';
import { fileImportForm, showDateTime } from '../components';
import { html, type HtmlValue, type SafeHtml } from '../html';
import { csrfField } from '../layout';

type Comments = Awaited<ReturnType<typeof listComments>>;

function steps(req: Request, m: MeetingView): HtmlValue {
  return m.allowedSteps.map((s) =>
    s.type === 'CANCEL'
      ? html`<details class="reason-form">
          <summary class="button danger">${s.label}…</summary>
          <form method="post" action="/meetings/${m.id}/step">
            ${csrfField(req)}<input type="hidden" name="type" value="CANCEL" /><input
              type="hidden"
              name="version"
              value="${m.version}"
            />
            <label for="f-cancel">Lý do (bắt buộc)</label>
            <textarea id="f-cancel" name="reason" rows="3" maxlength="1000" required></textarea>
            <button type="submit" class="danger">Xác nhận hủy</button>
          </form>
        </details>`
      : html`<form method="post" action="/meetings/${m.id}/step" class="inline">
          ${csrfField(req)}<input type="hidden" name="type" value="${s.type}" /><input
            type="hidden"
            name="version"
            value="${m.version}"
          />
          <button type="submit" class="primary">${s.label}</button>
        </form>`,
  );
}

function agenda(req: Request, m: MeetingView): SafeHtml {
  const decided = m.items.some((i) => i.result !== null);
  return html`<div class="table-wrap">
    <table class="list">
      <caption>
        Chương trình: ${m.items.length} hồ sơ
      </caption>
      <thead>
        <tr>
          <th scope="col">STT</th>
          <th scope="col">Đơn vị</th>
          <th scope="col">Đã biểu quyết</th>
          ${
            decided
              ? html`<th scope="col">Đồng ý</th>
                  <th scope="col">Không đồng ý</th>
                  <th scope="col">Kết quả</th>`
              : ''
          }
          <th scope="col">Phiếu của bạn</th>
        </tr>
      </thead>
      <tbody>
        ${m.items.map(
          (i) =>
            html`<tr>
              <td data-label="STT">${i.position}</td>
              <td data-label="Đơn vị"><a href="/dossiers/${i.dossierId}">${i.unitName}</a></td>
              <td data-label="Đã biểu quyết">${i.votesCast}/${m.memberCount}</td>
              ${
                decided
                  ? html`<td data-label="Đồng ý">${i.yes}</td>
                      <td data-label="Không đồng ý">${i.no}</td>
                      <td data-label="Kết quả"><strong>${i.resultLabel}</strong></td>`
                  : ''
              }
              <td data-label="Phiếu của bạn">
                ${
                  i.mayVote
                    ? html`<form method="post" action="/meetings/${m.id}/vote" class="inline vote">
                        ${csrfField(req)}<input type="hidden" name="itemId" value="${i.id}" />
                        <button
                          type="submit"
                          name="choice"
                          value="yes"
                          class="primary"
                          aria-label="Đồng ý: ${i.unitName}"
                        >
                          Đồng ý
                        </button>
                        <button
                          type="submit"
                          name="choice"
                          value="no"
                          aria-label="Không đồng ý: ${i.unitName}"
                        >
                          Không đồng ý
                        </button>
                      </form>`
                    : i.iVoted
                      ? 'Đã bỏ phiếu (kín)'
                      : '—'
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function attendance(req: Request, m: MeetingView): SafeHtml {
  return html`<section class="card" aria-labelledby="att-h">
    <h2 id="att-h">Thành viên (${m.attendees.filter((a) => a.signedIn).length}/${m.memberCount} có mặt)</h2>
    ${
      m.maySignIn
        ? html`<form method="post" action="/meetings/${m.id}/attendance">
            ${csrfField(req)}<button type="submit" class="primary">Điểm danh: tôi có mặt</button>
          </form>`
        : ''
    }
    <ul class="plain">
      ${m.attendees.map(
        (a) =>
          html`<li>
            <strong>${a.name}</strong> — ${a.positionLabel}, ${a.title} ·
            ${a.signedIn ? 'có mặt' : a.votedInWriting ? 'vắng, có phiếu bằng văn bản' : 'vắng'}
          </li>`,
      )}
    </ul>
  </section>`;
}

function writtenVoteForm(req: Request, m: MeetingView): HtmlValue {
  if (!m.mayEnterWrittenVotes) return '';
  const absent = m.attendees.filter((a) => !a.signedIn && a.ballotsCast === 0);
  if (absent.length === 0) return '';
  const choices = html`<div class="field">
      <label for="f-attendee">Thành viên vắng mặt</label>
      <select id="f-attendee" name="attendeeId" required>
        ${absent.map((a) => html`<option value="${a.id}">${a.name}</option>`)}
      </select>
    </div>
    ${m.items.map(
      (i) =>
        html`<fieldset>
          <legend>${i.unitName}</legend>
          <label><input type="radio" name="choice_${i.id}" value="yes" required /> Đồng ý</label>
          <label><input type="radio" name="choice_${i.id}" value="no" /> Không đồng ý</label>
        </fieldset>`,
    )}`;
  return html`<section class="card" aria-labelledby="wv-h">
    <h2 id="wv-h">Nhập phiếu biểu quyết bằng văn bản</h2>
    ${fileImportForm(csrfToken(req), `/meetings/${m.id}/written-votes`, { id: 'f-scan', label: 'Bản quét phiếu (PDF hoặc ảnh)', accept: 'application/pdf,image/*' }, choices, 'Nhập phiếu')}
  </section>`;
}

function comments(req: Request, m: MeetingView, list: Comments | null): HtmlValue {
  if (!list) return '';
  return html`<section class="card" aria-labelledby="cm-h">
    <h2 id="cm-h">Ý kiến của nhân dân</h2>
    <p class="muted">Thông tin người gửi chỉ dùng để xác minh; mỗi lần xem được ghi nhật ký.</p>
    ${list.map(
      (i) =>
        html`<h3>${i.unitName} (${i.comments.length} ý kiến)</h3>
          <ul class="plain">
            ${i.comments.map(
              (c) =>
                html`<li>
                  <p>${c.body}</p>
                  <small
                    >${showDateTime(c.createdAt)} ·
                    ${c.erased ? 'thông tin người gửi đã xóa' : `${c.name ?? ''}, ${c.phone ?? ''}, ${c.address ?? ''}`}</small
                  >
                  ${
                    c.handling
                      ? html`<p><strong>Đã xử lý:</strong> ${c.handling}</p>`
                      : m.me.part === 'secretary'
                        ? html`<form method="post" action="/meetings/${m.id}/comments/${c.id}" class="stack">
                            ${csrfField(req)}<label for="f-h-${c.id}">Cách xử lý</label>
                            <textarea
                              id="f-h-${c.id}"
                              name="handling"
                              rows="2"
                              maxlength="2000"
                              required
                            ></textarea>
                            <button type="submit">Ghi nhận</button>
                          </form>`
                        : ''
                  }
                </li>`,
            )}
          </ul>`,
    )}
  </section>`;
}

/** The meeting page: its step, the agenda with the member's secret ballot, attendance, minutes, comments. */
export function meetingDetail(req: Request, m: MeetingView, list: Comments | null): SafeHtml {
  return html`<h1>${m.title}</h1>
    <p>
      <span class="badge">${m.stateLabel}</span> ${m.council.name} · ${m.purposeLabel} ·
      ${showDateTime(m.meetingAt)}, ${m.location}
    </p>
    ${m.postingEndsAt ? html`<p>Công khai danh sách đến hết ${showDateTime(m.postingEndsAt)}${m.postingOpen ? ' (đang công khai)' : ''}.</p>` : ''}
    <p class="muted">
      Quy chế: thông qua khi số phiếu đồng ý ${m.council.ruleText}; biểu quyết kín, không ai xem được phiếu
      của người khác.
    </p>
    ${m.cancelReason ? html`<p><strong>Lý do hủy:</strong> ${m.cancelReason}</p>` : ''}
    <div class="actions">
      ${m.mayEdit ? html`<a class="button" href="/meetings/${m.id}/edit">Sửa phiên họp</a>` : ''}
      ${steps(req, m)}
    </div>
    ${agenda(req, m)} ${m.minutesUrl ? html`<p><a href="${m.minutesUrl}">Biên bản họp (PDF)</a></p>` : ''}
    ${m.attendees.length ? attendance(req, m) : ''} ${writtenVoteForm(req, m)} ${comments(req, m, list)}`;
}
