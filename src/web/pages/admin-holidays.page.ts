import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { addHoliday, listHolidays, removeHoliday } from '../../deadlines/holidays.service';
import { vnShortDate } from '../../documents/vn-format';
import { input } from '../components';
import { field, fieldMessages, formValues, isFormError, keepForm, takeForm } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const FIXED_NAMES: Record<string, string> = {
  '01-01': 'Tết Dương lịch',
  '04-30': 'Ngày Chiến thắng',
  '05-01': 'Ngày Quốc tế Lao động',
  '09-01': 'Quốc khánh',
  '09-02': 'Quốc khánh',
};

/** /admin/holidays: the public holidays that working-day deadlines skip. */
export function adminHolidayPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/holidays', async (req, res) => {
    const list = await listHolidays(ctx);
    const form = takeForm(req);
    await renderPage(ctx, req, res, {
      title: 'Ngày nghỉ lễ',
      section: 'holidays',
      body: html`<h1>Ngày nghỉ lễ, Tết</h1>
        <p>
          Thời hạn thẩm tra, thẩm định tính theo ngày làm việc: không tính thứ Bảy, Chủ nhật, các ngày lễ cố
          định và những ngày nghỉ trong danh sách dưới đây (Tết Nguyên đán, Giỗ Tổ Hùng Vương, ngày nghỉ bù…).
        </p>
        <p class="muted">
          Ngày nghỉ thêm vào áp dụng cho các thời hạn được tính từ lúc đó. Hạn đã tính của hồ sơ đang xử lý
          không tự lùi lại; nếu cần, gia hạn trên trang của từng hồ sơ.
        </p>
        <section class="card" aria-labelledby="list-h">
          <h2 id="list-h">Ngày nghỉ do tỉnh khai báo</h2>
          ${
            list.holidays.length
              ? html`<ul class="plain">
                  ${list.holidays.map(
                    (h) =>
                      html`<li>
                        <strong>${vnShortDate(h.date)}</strong> — ${h.name}
                        <form
                          method="post"
                          action="/admin/holidays/${h.date}/remove"
                          class="inline"
                          data-confirm="Bỏ ngày nghỉ ${vnShortDate(h.date)} (${h.name})? Các thời hạn tính từ nay sẽ tính ngày này là ngày làm việc."
                        >
                          ${csrfField(req)}<button type="submit" class="danger">Bỏ</button>
                        </form>
                      </li>`,
                  )}
                </ul>`
              : html`<p class="empty">Chưa khai báo ngày nghỉ nào.</p>`
          }
        </section>
        <section class="card" aria-labelledby="add-h">
          <h2 id="add-h">Thêm ngày nghỉ</h2>
          <form method="post" action="/admin/holidays" class="stack">
            ${csrfField(req)}
            ${input('date', 'Ngày', form.values.date ?? '', { type: 'date', required: true, error: form.errors.date })}
            ${input('name', 'Tên ngày nghỉ (ví dụ: Tết Nguyên đán)', form.values.name ?? '', { required: true, max: 200, error: form.errors.name })}
            <button type="submit" class="primary">Thêm</button>
          </form>
        </section>
        <section class="card" aria-labelledby="fixed-h">
          <h2 id="fixed-h">Ngày lễ cố định (luôn được tính là ngày nghỉ)</h2>
          <ul class="plain">
            ${list.fixed.map((d) => html`<li>${vnShortDate(d)} — ${FIXED_NAMES[d.slice(5)] ?? 'Ngày lễ'}</li>`)}
          </ul>
        </section>`,
    });
  });
  router.post('/admin/holidays', async (req, res) => {
    const values = { date: field(req.body, 'date'), name: field(req.body, 'name') };
    try {
      const later = await addHoliday(ctx, currentUser(req), values);
      flash(
        req,
        'ok',
        `Đã thêm ngày nghỉ ${vnShortDate(values.date)} (${values.name.trim()}). ` +
          (later
            ? `${later} hồ sơ đang xử lý có hạn từ ngày này trở đi; hạn của các hồ sơ đó không tự thay đổi.`
            : 'Không hồ sơ đang xử lý nào có hạn từ ngày này trở đi.'),
      );
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, '/admin/holidays', { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, '/admin/holidays');
  });
  router.post('/admin/holidays/:date/remove', async (req, res) => {
    const date = String(req.params.date);
    await removeHoliday(ctx, currentUser(req), date);
    flash(req, 'ok', `Đã bỏ ngày nghỉ ${/^\d{4}-\d{2}-\d{2}$/.test(date) ? vnShortDate(date) : date}.`);
    await seeOther(req, res, '/admin/holidays');
  });
  return router;
}
