import { Router, type Request } from 'express';
import type { Role } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { BulkEventBody, sendBulkEvent } from '../../dossiers/bulk-events.service';
import { statesAccepting, statesWhereActs } from '../../dossiers/dossier-rules';
import { EVENT_LABELS } from '../../dossiers/labels';
import { fieldMessages, isFormError } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { seeOther } from '../render';
import { parseWith } from '../../http/validate';
import { dossierTable, type DossierRow } from '../components';

const BULK_EVENTS = BulkEventBody.shape.type.options;
type BulkType = (typeof BULK_EVENTS)[number];

/** The event a role may send to many dossiers at once: the one the machine accepts where the role acts. */
export function bulkEventFor(role: Role): BulkType | null {
  const acting = statesWhereActs(role);
  return BULK_EVENTS.find((type) => statesAccepting(type).some((s) => acting.includes(s))) ?? null;
}

/** The inbox's table; for a role with a bulk step, inside a form with a checkbox per dossier. */
export function inboxTable(req: Request, rows: (DossierRow & { version: number })[], caption: string) {
  const type = bulkEventFor(currentUser(req).role);
  if (!type || !rows.length) return dossierTable(rows, caption);
  return html`<form method="post" action="/dossiers/bulk" class="bulk">
    ${csrfField(req)}<input type="hidden" name="type" value="${type}" />
    ${dossierTable(rows, caption, (d) => ({
      name: 'item',
      value: `${d.id}:${(d as DossierRow & { version: number }).version}`,
    }))}
    <p>
      <button type="submit" class="primary">${EVENT_LABELS[type]} các hồ sơ đã chọn</button>
      <span class="hint"
        >Mỗi hồ sơ được kiểm tra như khi xử lý riêng (điểm thẩm định đã đủ và đạt); hồ sơ chưa đủ điều kiện
        được giữ nguyên và nêu lý do.</span
      >
    </p>
  </form>`;
}

/** POST /dossiers/bulk: the inbox's bulk step, one result per dossier in the flash. */
export function bulkPages(ctx: AppContext): Router {
  const router = Router();
  router.post('/dossiers/bulk', async (req, res) => {
    const raw: unknown = (req.body as Record<string, unknown>).item;
    const picked = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
    if (!picked.length) {
      flash(req, 'error', 'Chọn ít nhất một hồ sơ (ô đánh dấu ở đầu mỗi dòng) rồi bấm nút xử lý.');
      return seeOther(req, res, '/');
    }
    try {
      const body = parseWith(
        BulkEventBody,
        {
          type: String((req.body as Record<string, unknown>).type ?? ''),
          items: picked.map((p) => ({ id: p.split(':')[0], version: Number(p.split(':')[1]) })),
        },
        'Xử lý nhiều hồ sơ',
      );
      const result = await sendBulkEvent(ctx, currentUser(req), body);
      const refused = result.results.filter((r) => !r.ok);
      const lines = refused.map((r) => ('message' in r ? r.message : ''));
      const label = EVENT_LABELS[body.type];
      flash(
        req,
        refused.length ? 'error' : 'ok',
        `${label}: ${result.done}/${body.items.length} hồ sơ.` +
          (refused.length ? ` Chưa thực hiện được ${refused.length} hồ sơ: ${unique(lines).join(' ')}` : ''),
      );
    } catch (err) {
      if (!isFormError(err)) throw err;
      // The form's only inputs are the checkboxes: say what is wrong with them in words.
      flash(req, 'error', [err.message, ...unique(Object.values(fieldMessages(err)))].join(' '));
    }
    await seeOther(req, res, '/');
  });
  return router;
}

const unique = (xs: string[]) => [...new Set(xs)];
