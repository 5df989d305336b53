import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context';
import { may } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import {
  deleteSavedFilter,
  listSavedFilters,
  saveFilter,
  SaveFilterBody,
} from '../../dossiers/saved-filters.service';
import { parseWith } from '../../http/validate';
import { input } from '../components';
import { field, fieldMessages, isFormError, keepForm, takeForm, type FormState } from '../forms';
import { html, type SafeHtml } from '../html';
import { csrfField, flash } from '../layout';
import { seeOther } from '../render';

const OWN = 'saved-filter';

/** This form's refused values, leaving any other form's (the list page also holds the register form). */
function takeOwnForm(req: Request): FormState {
  const kept = req.session?.form;
  if (kept?.path !== req.path || kept.values.form !== OWN) return { errors: {}, values: {} };
  return takeForm(req);
}

/** The list page's saved filters: links to each, and a form to save the filters in use now. */
export async function savedFiltersCard(
  ctx: AppContext,
  req: Request,
  current: URLSearchParams,
): Promise<SafeHtml | ''> {
  const user = currentUser(req);
  if (!may(user, 'data.write')) return '';
  const saved = await listSavedFilters(ctx, user);
  const form = takeOwnForm(req);
  return html`<section class="card" aria-labelledby="saved-title">
    <h2 id="saved-title">Bộ lọc đã lưu</h2>
    ${
      saved.length
        ? html`<ul class="saved-filters">
            ${saved.map(
              (f) =>
                html`<li>
                  <a href="${f.href}">${f.name}</a> <span class="muted">(${f.description})</span>
                  <form method="post" action="/dossiers/filters/${f.id}/delete" class="inline">
                    ${csrfField(req)}<button type="submit" class="link">
                      Xóa<span class="sr-only"> bộ lọc ${f.name}</span>
                    </button>
                  </form>
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">
            Chưa có bộ lọc nào. Lọc danh sách rồi đặt tên để lần sau mở lại bằng một lần bấm.
          </p>`
    }
    <form method="post" action="/dossiers/filters" class="row">
      ${csrfField(req)}<input type="hidden" name="query" value="${form.values.query ?? current.toString()}" />
      ${input('name', 'Tên bộ lọc hiện tại', form.values.name ?? '', { max: 100, required: true, error: form.errors.name })}
      <button type="submit">Lưu bộ lọc</button>
    </form>
  </section>`;
}

/** POST /dossiers/filters and /dossiers/filters/:id/delete. */
export function savedFilterPages(ctx: AppContext): Router {
  const router = Router();
  router.post('/dossiers/filters', async (req, res) => {
    const query = field(req.body, 'query');
    try {
      const body = parseWith(SaveFilterBody, { name: field(req.body, 'name'), query }, 'Bộ lọc');
      const saved = await saveFilter(ctx, currentUser(req), body);
      flash(req, 'ok', `Đã lưu bộ lọc "${saved.name}".`);
      return seeOther(req, res, `/dossiers${saved.query ? `?${saved.query}` : ''}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const back = `/dossiers${query ? `?${query}` : ''}`;
      keepForm(req, '/dossiers', {
        errors: fieldMessages(err),
        values: { form: OWN, name: field(req.body, 'name'), query },
      });
      flash(req, 'error', err.message);
      return seeOther(req, res, back);
    }
  });
  router.post('/dossiers/filters/:id/delete', async (req, res) => {
    await deleteSavedFilter(ctx, currentUser(req), req.params.id);
    flash(req, 'ok', 'Đã xóa bộ lọc.');
    await seeOther(req, res, '/dossiers');
  });
  return router;
}
