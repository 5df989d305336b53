import type { listAwaitingMe } from '../../decisions/decision-list.service';
import { decisionEventLabel } from '../../decisions/decision-rules';
import { html } from '../html';
import { KIND_LABELS } from './decision-detail.html';

type QueueItem = Awaited<ReturnType<typeof listAwaitingMe>>[number];

/** "Chờ bạn xử lý": what waits for this user's step (the signer's drafts to sign, the văn thư's to issue). */
export function queueTable(queue: QueueItem[]) {
  return html`<section class="card" aria-labelledby="queue-title">
    <h2 id="queue-title">Chờ bạn xử lý (${queue.length})</h2>
    ${
      queue.length
        ? html`<div class="table-wrap">
            <table class="list">
              <caption class="sr-only">
                Quyết định chờ bạn xử lý
              </caption>
              <thead>
                <tr>
                  <th scope="col">Quyết định</th>
                  <th scope="col">Bước</th>
                  <th scope="col">Tờ trình</th>
                  <th scope="col">Số đơn vị</th>
                  <th scope="col">Việc cần làm</th>
                </tr>
              </thead>
              <tbody>
                ${queue.map(
                  (d) =>
                    html`<tr>
                      <td>
                        <a href="/decisions/${d.id}"
                          >${d.number ?? `Dự thảo quyết định ${KIND_LABELS[d.kind].toLowerCase()}`}</a
                        >
                      </td>
                      <td>${d.stateLabel}</td>
                      <td>${d.proposal.number ?? '—'}</td>
                      <td>${d.items.length}</td>
                      <td>${d.allowedEvents.map((e) => decisionEventLabel(e)).join(', ')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="empty">Không có quyết định nào chờ bạn.</p>`
    }
  </section>`;
}
