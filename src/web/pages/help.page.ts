import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { ROLE_LABELS, ROLES, type Role } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { GUIDES } from '../../help/guide';
import { NotFoundError } from '../../http/errors';
import { html } from '../html';
import { renderPage } from '../render';

const PICTURES = path.join(__dirname, '..', 'assets', 'guide');
/** Pictures the browser test has taken (GUIDE_PICTURES=1); a step without one reads as text only. */
const hasPicture = (file: string) => fs.existsSync(path.join(PICTURES, file));

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** /help (the guide's contents) and /help/:role (one role's guide); readable without logging in. */
export function helpPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/help', async (req, res) => {
    const mine = req.user?.role;
    await renderPage(ctx, req, res, {
      title: 'Hướng dẫn sử dụng',
      section: 'help',
      body: html`<h1>Hướng dẫn sử dụng</h1>
        <p>Mỗi vai trò có một trang hướng dẫn, từng bước, kèm hình minh họa.</p>
        <ul class="plain">
          ${ROLES.map(
            (r) =>
              html`<li>
                <a href="/help/${r}">${ROLE_LABELS[r]}</a
                >${r === mine ? html` <strong>(vai trò của bạn)</strong>` : ''}
              </li>`,
          )}
        </ul>`,
    });
  });
  router.get('/help/:role', async (req, res) => {
    const role = String(req.params.role);
    if (!isRole(role)) throw new NotFoundError('guide_not_found', 'Không có hướng dẫn cho vai trò này.');
    const guide = GUIDES[role];
    await renderPage(ctx, req, res, {
      title: `Hướng dẫn: ${ROLE_LABELS[role]}`,
      section: 'help',
      body: html`<nav aria-label="Đường dẫn">
          <a href="/help">Hướng dẫn sử dụng</a> › ${ROLE_LABELS[role]}
        </nav>
        <h1>Hướng dẫn: ${ROLE_LABELS[role]}</h1>
        <p>${guide.intro}</p>
        <ol class="guide">
          ${guide.steps.map(
            (step) =>
              html`<li>
                <h2>${step.title}</h2>
                ${step.lines.map((line) => html`<p>${line}</p>`)}
                ${
                  step.picture && hasPicture(step.picture.file)
                    ? html`<figure>
                        <img
                          src="/assets/guide/${step.picture.file}"
                          alt="${step.picture.alt}"
                          loading="lazy"
                        />
                        <figcaption>${step.picture.alt}</figcaption>
                      </figure>`
                    : ''
                }
              </li>`,
          )}
        </ol>`,
    });
  });
  return router;
}
