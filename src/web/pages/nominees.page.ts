import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context';
import { vnDate } from '../../calendar/time';
import { vnShortDate } from '../../documents/vn-format';
import { parseWith } from '../../http/validate';
import { CommentBody } from '../../postings/posting.schemas';
import { addComment, currentPostings } from '../../postings/postings.service';
import { input, select } from '../components';
import { fieldMessages, formValues, isFormError } from '../forms';
import { html, type HtmlValue } from '../html';
import { csrfField } from '../layout';
import { renderPage } from '../render';

type Posting = Awaited<ReturnType<typeof currentPostings>>[number];
const day = (iso: string | null) => (iso ? vnShortDate(vnDate(new Date(iso))) : '');

function commentForm(
  req: Request,
  p: Posting,
  values: Record<string, string>,
  errors: Record<string, string>,
) {
  const mine = values.meetingId === p.meetingId;
  const v = (k: string) => (mine ? (values[k] ?? '') : '');
  const e = (k: string) => (mine ? errors[k] : undefined);
  const id = `c-${p.meetingId.slice(0, 8)}`;
  return html`<form method="post" action="/nominees" class="stack" aria-labelledby="${id}">
    <h3 id="${id}">Gửi ý kiến bằng văn bản</h3>
    ${csrfField(req)}<input type="hidden" name="meetingId" value="${p.meetingId}" />
    ${select(
      'itemId',
      'Đơn vị góp ý',
      p.nominees.map((n) => [n.itemId, n.unitName] as const),
      v('itemId'),
      { required: true, error: e('itemId') },
    )}
    <div class="field">
      <label for="f-body">Nội dung ý kiến</label>
      <textarea id="f-body" name="body" rows="4" minlength="10" maxlength="2000" required>
${v('body')}</textarea>
      ${e('body') ? html`<p class="field-error">${e('body')}</p>` : ''}
    </div>
    ${input('name', 'Họ và tên', v('name'), { required: true, max: 120, error: e('name'), autocomplete: 'name' })}
    ${input('phone', 'Số điện thoại', v('phone'), { type: 'tel', required: true, max: 20, error: e('phone'), autocomplete: 'tel' })}
    ${input('address', 'Địa chỉ', v('address'), { required: true, max: 300, error: e('address'), autocomplete: 'street-address' })}
    <div class="sr-only" aria-hidden="true">
      <label for="f-website">Để trống ô này</label>
      <input id="f-website" name="website" tabindex="-1" autocomplete="off" />
    </div>
    <p class="muted">
      Họ tên, số điện thoại và địa chỉ chỉ Hội đồng được xem để xác minh, không công khai, và được xóa khi hết
      thời hạn lưu giữ.
    </p>
    <button type="submit" class="primary">Gửi ý kiến</button>
  </form>`;
}

function postingCard(
  req: Request,
  p: Posting,
  values: Record<string, string>,
  errors: Record<string, string>,
) {
  return html`<section class="card" aria-labelledby="p-${p.meetingId.slice(0, 8)}">
    <h2 id="p-${p.meetingId.slice(0, 8)}">${p.councilName} — ${p.provinceName}</h2>
    <p>
      ${p.purposeLabel}. Công khai từ ngày ${day(p.postingStartsAt)} đến hết ngày ${day(p.postingEndsAt)}.
    </p>
    <div class="table-wrap">
      <table class="list">
        <caption>
          ${p.nominees.length} đơn vị được đề nghị
        </caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col">Loại</th>
            <th scope="col">Huyện</th>
            <th scope="col">Năm</th>
          </tr>
        </thead>
        <tbody>
          ${p.nominees.map(
            (n) =>
              html`<tr>
                <td data-label="Đơn vị">${n.unitName}</td>
                <td data-label="Loại">${n.unitType}</td>
                <td data-label="Huyện">${n.districtName ?? '—'}</td>
                <td data-label="Năm">${n.year ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${commentForm(req, p, values, errors)}
  </section>`;
}

/** /nominees: the nominees on public posting before the council meets, and the public's comments. */
export function nomineePages(ctx: AppContext): Router {
  const router = Router();
  const show = async (
    req: Request,
    res: Parameters<typeof renderPage>[2],
    state: {
      status?: number;
      message?: HtmlValue;
      values?: Record<string, string>;
      errors?: Record<string, string>;
    },
  ) => {
    const postings = await currentPostings(ctx);
    await renderPage(ctx, req, res, {
      title: 'Công khai danh sách đề nghị',
      status: state.status,
      body: html`<h1>Công khai danh sách đề nghị công nhận, khen thưởng</h1>
        <p>
          Trước khi Hội đồng họp xét, danh sách các đơn vị được đề nghị được công khai để nhân dân góp ý. Mọi
          ý kiến được Thư ký Hội đồng tiếp nhận, xác minh và báo cáo Hội đồng.
        </p>
        ${state.message ?? ''}
        ${
          postings.length
            ? postings.map((p) => postingCard(req, p, state.values ?? {}, state.errors ?? {}))
            : html`<p class="empty">Hiện không có danh sách nào đang được công khai.</p>`
        }`,
    });
  };
  router.get('/nominees', async (req, res) => {
    await show(req, res, {});
  });
  router.post('/nominees', async (req, res) => {
    const values = formValues(req.body);
    const { meetingId: _meeting, ...fields } = values;
    try {
      const saved = await addComment(ctx, req.ip ?? 'unknown', parseWith(CommentBody, fields, 'Ý kiến'));
      await show(req, res, {
        status: 201,
        message: html`<div class="flash ok" role="status">
          Đã nhận ý kiến về ${saved.unitName}. Cảm ơn bạn.
        </div>`,
      });
    } catch (err) {
      if (!isFormError(err)) throw err;
      const status = err.kind === 'validation' ? 400 : err.kind === 'too_many_requests' ? 429 : 422;
      await show(req, res, {
        status: err.kind === 'conflict' ? 409 : status,
        message: html`<div class="flash error" role="alert">${err.message}</div>`,
        values,
        errors: fieldMessages(err),
      });
    }
  });
  return router;
}
