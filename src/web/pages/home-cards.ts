import type { Request } from 'express';
import { ROLE_LABELS } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { listDossiers } from '../../dossiers/dossier-list.service';
import type { DossierSummary } from '../../dossiers/dossier-summary.service';
import { actingRoles } from '../../dossiers/dossier-rules';
import { dueCell, stateBadge } from '../components';
import { html, type SafeHtml } from '../html';

/** The home page's counts: overdue, due soon, waiting, and each state, each a link to that list. */
export function summaryCards(s: DossierSummary): SafeHtml {
  const card = (href: string, n: number, label: string, kind = '') =>
    html`<li class="${kind}">
      <a href="${href}"><strong>${n}</strong> <span>${label}</span></a>
    </li>`;
  return html`<section aria-labelledby="counts-title" class="counts">
    <h2 id="counts-title">Tổng quan hồ sơ${s.year ? ` năm ${s.year}` : ''}</h2>
    <ul class="count-cards">
      ${card('/dossiers?due=overdue', s.overdue, 'quá hạn', s.overdue ? 'alert' : '')}
      ${card('/dossiers?due=soon', s.dueSoon, 'sắp đến hạn (3 ngày)')}
      ${card('/', s.waiting, 'chờ bạn xử lý')}
      ${s.byState.map((x) => card(`/dossiers?state=${x.state}`, x.count, x.label))}
    </ul>
  </section>`;
}

/** A unit officer's home: where each of the unit's dossiers is, and whose turn it is. */
export async function ownDossiers(ctx: AppContext, req: Request): Promise<SafeHtml | ''> {
  const user = currentUser(req);
  if (user.role !== 'unit_officer') return '';
  const { items } = await listDossiers(ctx, user, { page: 1, pageSize: 5 });
  if (!items.length) return '';
  return html`<section class="card" aria-labelledby="own-title">
    <h2 id="own-title">Hồ sơ của đơn vị</h2>
    <ul class="own">
      ${items.map((d) => {
        const roles = actingRoles(d.state);
        const turn = roles.includes('unit_officer')
          ? html`<strong>Đến lượt đơn vị:</strong> mở hồ sơ để thực hiện bước tiếp theo`
          : roles.length
            ? html`Đang chờ ${roles.map((r) => ROLE_LABELS[r]).join(', ')} xử lý`
            : html`Đã kết thúc`;
        return html`<li>
          <a href="/dossiers/${d.id}">Năm ${d.year}${d.code ? ` — ${d.code}` : ''}</a>: ${stateBadge(d.state)}
          ${turn}${d.dueAt ? html`, hạn ${dueCell(d.dueAt, d.overdue)}` : ''}.
        </li>`;
      })}
    </ul>
  </section>`;
}
