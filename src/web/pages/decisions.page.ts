import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context';
import { may } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { vnDate } from '../../calendar/time';
import { listDecisions } from '../../decisions/decision-list.service';
import { IssueDecisionBody, ListDecisionsQuery } from '../../decisions/decision.schemas';
import { decisionView } from '../../decisions/decision.view';
import { issueDecision } from '../../decisions/decisions.service';
import { sendDownload, sendPdf } from '../../http/downloads';
import { DECISION_EVENT } from '../../decisions/decision-kinds';
import { getDecisionForUser } from '../../decisions/decision-lookup';
import {
  decisionCertificatesPdf,
  decisionCertificatesZip,
  decisionPreviewPdf,
} from '../../decisions/decision-documents.service';
import { statesAccepting } from '../../dossiers/dossier-rules';
import { listDossiers } from '../../dossiers/dossier-list.service';
import { ForbiddenError } from '../../http/errors';
import { parseWith } from '../../http/validate';
import { input, showDate, stateBadge } from '../components';
import { field, fieldMessages, formValues, isFormError, keepForm, keptHas, takeForm } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

const KIND_LABELS = { recognition: 'Công nhận', award: 'Khen thưởng', revocation: 'Thu hồi' } as const;
type IssueKind = 'recognition' | 'award';

function issueBody(req: Request) {
  const raw = req.body as Record<string, unknown>;
  const ids = ([] as unknown[])
    .concat(raw.dossierIds ?? [])
    .filter((x): x is string => typeof x === 'string');
  return parseWith(
    IssueDecisionBody,
    {
      kind: field(raw, 'kind') === 'award' ? 'award' : 'recognition',
      dossierIds: ids,
      signedAt: field(raw, 'signedAt'),
      signerName: field(raw, 'signerName'),
      signerTitle: field(raw, 'signerTitle'),
    },
    'Quyết định',
  );
}

const assertIssuer = (req: Request) => {
  if (!may(currentUser(req), 'decision.issue'))
    throw new ForbiddenError('forbidden', 'Chỉ cán bộ Sở Nội vụ được ra quyết định.');
};

/** /decisions: list, new (select, preview, issue), one decision with its downloads. */
export function decisionPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/decisions', async (req, res) => {
    const user = currentUser(req);
    const query = parseWith(ListDecisionsQuery, { page: req.query.page }, 'Tham số');
    const result = await listDecisions(ctx, user, query);
    await renderPage(ctx, req, res, {
      title: 'Quyết định',
      section: 'decisions',
      body: html`<h1>Quyết định</h1>
        ${may(user, 'decision.issue') ? html`<p><a class="button primary" href="/decisions/new?kind=recognition">Ra quyết định công nhận</a> <a class="button" href="/decisions/new?kind=award">Ra quyết định khen thưởng</a></p>` : ''}
        ${
          result.items.length
            ? html`<div class="table-wrap">
                <table class="list">
                  <caption>
                    Các quyết định đã ban hành
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Số</th>
                      <th scope="col">Loại</th>
                      <th scope="col">Ngày ký</th>
                      <th scope="col">Số đơn vị</th>
                      <th scope="col">Người ký</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${result.items.map(
                      (d) =>
                        html`<tr>
                          <td><a href="/decisions/${d.id}">${d.number}</a></td>
                          <td>${KIND_LABELS[d.kind]}</td>
                          <td>${showDate(d.signedAt)}</td>
                          <td>${d.items.length}</td>
                          <td>${d.signerName}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p class="empty">Chưa có quyết định nào.</p>`
        }`,
    });
  });

  router.get('/decisions/new', async (req, res) => {
    assertIssuer(req);
    const user = currentUser(req);
    const kind: IssueKind = req.query.kind === 'award' ? 'award' : 'recognition';
    // One decision may name up to 1,000 units (its annex paginates); list them all on one page.
    const states = statesAccepting(DECISION_EVENT[kind]);
    const ready = await listDossiers(ctx, user, { page: 1, pageSize: 1000 }, { states });
    const form = takeForm(req);
    const title = kind === 'award' ? 'Ra quyết định khen thưởng' : 'Ra quyết định công nhận';
    await renderPage(ctx, req, res, {
      title,
      section: 'decisions',
      body: html`<h1>${title}</h1>
        <form method="post" action="/decisions" class="stack">
          ${csrfField(req)}<input type="hidden" name="kind" value="${kind}" />
          <fieldset>
            <legend>Hồ sơ được đề nghị (${ready.total})</legend>
            ${ready.total > ready.items.length ? html`<p>Hiển thị ${ready.items.length} hồ sơ cập nhật gần nhất; ra quyết định cho số này trước rồi quay lại trang này.</p>` : ''}
            ${
              ready.items.length
                ? html`<p>
                      <button type="button" class="link" data-check-all="dossierIds">Chọn tất cả</button>
                    </p>
                    <ul class="pick">
                      ${ready.items.map(
                        (d) =>
                          html`<li>
                            <label
                              ><input
                                type="checkbox"
                                name="dossierIds"
                                value="${d.id}"
                                ${keptHas(form.values.dossierIds, d.id) ? html` checked` : ''}
                              />
                              ${d.unit?.name ?? ''}${d.unit?.districtName ? html`, ${d.unit.districtName}` : ''}
                              — năm ${d.year} ${stateBadge(d.state)}</label
                            >
                          </li>`,
                      )}
                    </ul>`
                : html`<p class="empty">Không có hồ sơ nào chờ quyết định.</p>`
            }
            ${form.errors.dossierIds ? html`<p class="field-error" id="err-dossierIds">${form.errors.dossierIds}</p>` : ''}
          </fieldset>
          ${input('signerName', 'Người ký', form.values.signerName ?? '', { required: true, max: 200, error: form.errors.signerName })}
          ${input('signerTitle', 'Chức vụ người ký', form.values.signerTitle ?? 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH', { required: true, max: 200, error: form.errors.signerTitle })}
          ${input('signedAt', 'Ngày ký', form.values.signedAt ?? vnDate(ctx.clock()), { type: 'date', required: true, error: form.errors.signedAt })}
          <p>
            <button type="submit" formaction="/decisions/preview" formtarget="_blank">
              Xem trước (PDF dự thảo)
            </button>
            <button type="submit" class="primary">Ban hành quyết định</button>
          </p>
        </form>`,
    });
  });

  router.post('/decisions/preview', async (req, res) => {
    assertIssuer(req);
    const body = issueBody(req);
    if (body.kind === 'revocation')
      throw new ForbiddenError('forbidden', 'Không xem trước quyết định thu hồi.');
    sendPdf(res, await decisionPreviewPdf(ctx, currentUser(req), body));
  });

  router.post('/decisions', async (req, res) => {
    assertIssuer(req);
    const back = `/decisions/new?kind=${field(req.body, 'kind') === 'award' ? 'award' : 'recognition'}`;
    try {
      const { decision } = await issueDecision(ctx, currentUser(req), issueBody(req));
      flash(req, 'ok', `Đã ban hành Quyết định số ${decision.numberText}.`);
      await seeOther(req, res, `/decisions/${decision.id}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, '/decisions/new', { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, back);
    }
  });

  router.get('/decisions/:id', async (req, res) => {
    const found = await getDecisionForUser(ctx.ds.manager, currentUser(req), req.params.id);
    const d = decisionView(found.decision, found.items);
    const docs = d.kind === 'award' ? 'Bằng khen' : 'Giấy chứng nhận';
    await renderPage(ctx, req, res, {
      title: `Quyết định số ${d.number}`,
      section: 'decisions',
      body: html`<h1>Quyết định số ${d.number}</h1>
        <dl class="facts">
          <dt>Loại</dt>
          <dd>${KIND_LABELS[d.kind]}</dd>
          <dt>Ngày ký</dt>
          <dd>${showDate(d.signedAt)}</dd>
          <dt>Người ký</dt>
          <dd>${d.signerTitle} ${d.signerName}</dd>
          ${
            d.reason
              ? html`<dt>Lý do</dt>
                  <dd>${d.reason}</dd>`
              : ''
          }
        </dl>
        <p class="downloads">
          <a class="button primary" href="/api/decisions/${d.id}/pdf">Tải quyết định (PDF)</a> ${
            d.kind !== 'revocation'
              ? html`<a class="button" href="/decisions/${d.id}/certificates.pdf"
                    >Tất cả ${docs.toLowerCase()} (một PDF)</a
                  >
                  <a class="button" href="/decisions/${d.id}/certificates.zip"
                    >Tất cả ${docs.toLowerCase()} (ZIP)</a
                  >`
              : ''
          }
        </p>
        <div class="table-wrap">
          <table class="list">
            <caption>
              Đơn vị trong quyết định
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Số hiệu</th>
                <th scope="col">Tài liệu</th>
              </tr>
            </thead>
            <tbody>
              ${d.items.map(
                (i, n) =>
                  html`<tr>
                    <td>${n + 1}</td>
                    <td>
                      <a href="/dossiers/${i.dossierId}">${i.unitName}</a
                      >${i.districtName ? html`, ${i.districtName}` : ''}
                    </td>
                    <td>${i.serial ? html`<a href="/verify/${i.serial}">${i.serial}</a>` : '—'}</td>
                    <td>
                      ${i.serial ? html`<a href="/api/dossiers/${i.dossierId}/${d.kind === 'award' ? 'award' : 'certificate'}.pdf">${docs}</a>` : ''}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`,
    });
  });

  router.get('/decisions/:id/certificates.pdf', async (req, res) => {
    sendPdf(res, await decisionCertificatesPdf(ctx, currentUser(req), req.params.id));
  });
  router.get('/decisions/:id/certificates.zip', async (req, res) => {
    const file = await decisionCertificatesZip(ctx, currentUser(req), req.params.id);
    sendDownload(res, file, 'application/zip');
  });
  return router;
}
