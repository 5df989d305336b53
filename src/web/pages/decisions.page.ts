import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context';
import { may } from '../../auth/permissions';
import { currentUser } from '../../auth/require-user';
import { vnDate } from '../../calendar/time';
import { DECISION_EVENT } from '../../decisions/decision-kinds';
import { decisionCertificatesPdf, decisionCertificatesZip } from '../../decisions/decision-documents.service';
import { sendDecisionEvent } from '../../decisions/decision-events.service';
import { listAwaitingMe, listDecisions } from '../../decisions/decision-list.service';
import { decisionHasTag, decisionStateLabel, decisionStatesWhereActs } from '../../decisions/decision-rules';
import {
  CreateDecisionBody,
  DecisionEventBody,
  ListDecisionsQuery,
  REVOCATION_GROUNDS,
} from '../../decisions/decision.schemas';
import { createDecisionDraft, listSigners } from '../../decisions/decisions.service';
import { listDossiers } from '../../dossiers/dossier-list.service';
import { approvedWhereCouncil } from '../../meetings/meeting-results';
import { statesAccepting } from '../../dossiers/dossier-rules';
import { sendDownload, sendPdf } from '../../http/downloads';
import { ForbiddenError } from '../../http/errors';
import { parseWith } from '../../http/validate';
import { input, select, stateBadge } from '../components';
import { field, fieldMessages, formValues, isFormError, keepForm, keptHas, takeForm } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';
import { decisionDetailPage, KIND_LABELS } from './decision-detail.html';
import { queueTable } from './decision-queue.html';

type DraftKind = keyof typeof KIND_LABELS;
const kindOf = (raw: unknown): DraftKind =>
  raw === 'award' ? 'award' : raw === 'revocation' ? 'revocation' : 'recognition';

const assertDrafter = (req: Request) => {
  if (!may(currentUser(req), 'decision.draft'))
    throw new ForbiddenError('forbidden', 'Chỉ cán bộ Sở Nội vụ được dự thảo quyết định.');
};

const list = (raw: unknown): string[] =>
  ([] as unknown[]).concat(raw ?? []).filter((x): x is string => typeof x === 'string');

function draftBody(req: Request) {
  const raw = req.body as Record<string, unknown>;
  const kind = kindOf(field(raw, 'kind'));
  return parseWith(
    CreateDecisionBody,
    {
      kind,
      dossierIds: list(raw.dossierIds),
      proposal: {
        number: field(raw, 'proposalNumber'),
        date: field(raw, 'proposalDate'),
        body: field(raw, 'proposalBody'),
      },
      signerId: field(raw, 'signerId'),
      ...(kind === 'revocation'
        ? { revokes: field(raw, 'revokes'), ground: field(raw, 'ground'), reason: field(raw, 'reason') }
        : {}),
    },
    'Dự thảo quyết định',
  );
}

/** `proposal.number` (API path) → `proposalNumber` (form name). */
const renameField = (f: string) =>
  f.startsWith('proposal.') ? `proposal${f.charAt(9).toUpperCase()}${f.slice(10)}` : f;

/** The province's latest issued decisions (what a revocation may revoke). */
async function issuedDecisions(ctx: AppContext, req: Request) {
  const recent = await listDecisions(ctx, currentUser(req), { page: 1, pageSize: 100 });
  return recent.items.filter((d) => decisionHasTag(d.state, 'numbered'));
}

/** The dossiers a new draft may name, as checkboxes. */
async function dossierPicker(ctx: AppContext, req: Request, kind: DraftKind, revokes: string, kept: string) {
  const user = currentUser(req);
  const states = statesAccepting(DECISION_EVENT[kind]);
  // One decision may name up to 1,000 units (its annex paginates); list them all on one page.
  const ready = await listDossiers(ctx, user, { page: 1, pageSize: 1000 }, { states });
  let items = ready.items;
  if (kind === 'revocation') {
    const revoked = (await issuedDecisions(ctx, req)).find((d) => d.id === revokes);
    const named = new Set(revoked?.dossierIds ?? []);
    items = items.filter((d) => named.has(d.id));
  } else {
    // Where the province has a council for this kind, only the dossiers it approved can be named.
    const gate = await approvedWhereCouncil(
      ctx.ds.manager,
      user.provinceId,
      kind,
      items.map((d) => d.id),
    );
    if (gate) items = items.filter((d) => gate.approved.has(d.id));
  }
  if (!items.length) return html`<p class="empty">Không có hồ sơ nào chờ quyết định loại này.</p>`;
  return html`<p><button type="button" class="link" data-check-all="dossierIds">Chọn tất cả</button></p>
    <ul class="pick">
      ${items.map(
        (d) =>
          html`<li>
            <label
              ><input
                type="checkbox"
                name="dossierIds"
                value="${d.id}"
                ${keptHas(kept, d.id) ? html` checked` : ''}
              />
              ${d.unit?.name ?? ''}${d.unit?.districtName ? html`, ${d.unit.districtName}` : ''} — năm
              ${d.year} ${stateBadge(d.state)}</label
            >
          </li>`,
      )}
    </ul>`;
}

/** The revocation's own fields: the decision it revokes, the legal ground and the reason. */
async function revocationFields(
  ctx: AppContext,
  req: Request,
  values: Record<string, string>,
  errors: Record<string, string>,
) {
  const granting = (await issuedDecisions(ctx, req)).filter((d) => d.kind !== 'revocation');
  return html`${select(
      'revokes',
      'Quyết định bị thu hồi',
      granting.map(
        (d) => [d.id, `${d.number ?? ''} — ${KIND_LABELS[d.kind]} năm ${d.achievementYear}`] as const,
      ),
      values.revokes ?? '',
      { required: true, empty: '— chọn quyết định —', error: errors.revokes },
    )}
    <p>
      <button type="submit" formmethod="get" formaction="/decisions/new" formnovalidate>
        Hiện các đơn vị của quyết định này
      </button>
    </p>
    ${select('ground', 'Căn cứ thu hồi', Object.entries(REVOCATION_GROUNDS), values.ground ?? '', {
      required: true,
      empty: '— chọn căn cứ —',
      error: errors.ground,
    })}
    ${input('reason', 'Lý do cụ thể', values.reason ?? '', { required: true, max: 4000, error: errors.reason })}`;
}

/** /decisions: the list, a new draft, one decision with its steps and downloads. */
export function decisionPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/decisions', async (req, res) => {
    const user = currentUser(req);
    const query = parseWith(
      ListDecisionsQuery,
      { page: req.query.page, ...(req.query.state ? { state: req.query.state } : {}) },
      'Tham số',
    );
    const result = await listDecisions(ctx, user, query);
    const waiting = decisionStatesWhereActs(user.role);
    const queue = query.state ? [] : await listAwaitingMe(ctx, user);
    await renderPage(ctx, req, res, {
      title: 'Quyết định',
      section: 'decisions',
      body: html`<h1>Quyết định</h1>
        ${may(user, 'decision.draft') ? html`<p><a class="button primary" href="/decisions/new?kind=recognition">Dự thảo quyết định công nhận</a> <a class="button" href="/decisions/new?kind=award">Dự thảo quyết định khen thưởng</a> <a class="button" href="/decisions/new?kind=revocation">Dự thảo quyết định thu hồi</a></p>` : ''}
        ${waiting.length && !query.state ? queueTable(queue) : ''}
        ${waiting.length ? html`<p>Lọc theo bước: ${waiting.map((s, i) => html`${i ? ' · ' : ''}<a href="/decisions?state=${s}">${decisionStateLabel(s)}</a>`)}</p>` : ''}
        ${
          result.items.length
            ? html`<div class="table-wrap">
                <table class="list">
                  <caption>
                    ${query.state ? `Quyết định ở bước "${decisionStateLabel(query.state)}"` : 'Các quyết định'}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Số</th>
                      <th scope="col">Loại</th>
                      <th scope="col">Bước</th>
                      <th scope="col">Ngày ban hành</th>
                      <th scope="col">Số đơn vị</th>
                      <th scope="col">Người ký</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${result.items.map(
                      (d) =>
                        html`<tr>
                          <td><a href="/decisions/${d.id}">${d.number ?? 'Dự thảo'}</a></td>
                          <td>${KIND_LABELS[d.kind]}</td>
                          <td>${d.stateLabel}</td>
                          <td>${d.issuedAt ? d.issuedAt.split('-').reverse().join('/') : '—'}</td>
                          <td>${d.items.length}</td>
                          <td>${d.signer.title ?? ''} ${d.signer.name ?? ''}</td>
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
    assertDrafter(req);
    const kind = kindOf(req.query.kind);
    const form = takeForm(req);
    const values: Record<string, string> = { ...form.values };
    if (typeof req.query.revokes === 'string') values.revokes = req.query.revokes;
    const signers = await listSigners(ctx, currentUser(req));
    const title = `Dự thảo quyết định ${KIND_LABELS[kind].toLowerCase()}`;
    await renderPage(ctx, req, res, {
      title,
      section: 'decisions',
      body: html`<h1>${title}</h1>
        <form method="post" action="/decisions" class="stack">
          ${csrfField(req)}<input type="hidden" name="kind" value="${kind}" />
          ${kind === 'revocation' ? await revocationFields(ctx, req, values, form.errors) : ''}
          <fieldset>
            <legend>Hồ sơ</legend>
            ${await dossierPicker(ctx, req, kind, values.revokes ?? '', values.dossierIds ?? '')}
            ${form.errors.dossierIds ? html`<p class="field-error" id="err-dossierIds">${form.errors.dossierIds}</p>` : ''}
          </fieldset>
          <fieldset>
            <legend>Tờ trình</legend>
            ${input('proposalNumber', 'Số Tờ trình', values.proposalNumber ?? '', { required: true, max: 64, error: form.errors.proposalNumber, hint: 'Ví dụ: 15/TTr-SNV' })}
            ${input('proposalDate', 'Ngày Tờ trình', values.proposalDate ?? vnDate(ctx.clock()), { type: 'date', required: true, error: form.errors.proposalDate })}
            ${input('proposalBody', 'Cơ quan trình', values.proposalBody ?? 'Sở Nội vụ', { required: true, max: 300, error: form.errors.proposalBody })}
          </fieldset>
          ${select(
            'signerId',
            'Người ký',
            signers.map((s) => [s.id, `${s.title} ${s.name}`] as const),
            values.signerId ?? '',
            { required: true, empty: '— chọn lãnh đạo —', error: form.errors.signerId },
          )}
          <p><button type="submit" class="primary">Lưu dự thảo</button></p>
        </form>`,
    });
  });

  router.post('/decisions', async (req, res) => {
    assertDrafter(req);
    const kind = kindOf(field(req.body, 'kind'));
    try {
      const { decision } = await createDecisionDraft(ctx, currentUser(req), draftBody(req));
      flash(req, 'ok', 'Đã lưu dự thảo quyết định. Kiểm tra bản PDF dự thảo rồi trình ký.');
      await seeOther(req, res, `/decisions/${decision.id}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, '/decisions/new', {
        errors: fieldMessages(err, renameField),
        values: formValues(req.body),
      });
      flash(req, 'error', err.message);
      await seeOther(req, res, `/decisions/new?kind=${kind}`);
    }
  });

  router.get('/decisions/:id', (req, res) => decisionDetailPage(ctx, req, res));

  router.post('/decisions/:id/events', async (req, res) => {
    const raw = req.body as Record<string, unknown>;
    const back = `/decisions/${req.params.id}`;
    try {
      const type = field(raw, 'type');
      const number = field(raw, 'number').trim();
      const issuedAt = field(raw, 'issuedAt').trim();
      const body = parseWith(
        DecisionEventBody,
        {
          type,
          version: Number(field(raw, 'version')),
          ...(type === 'RETURN' || type === 'CANCEL' ? { reason: field(raw, 'reason') } : {}),
          ...(type === 'ISSUE' && number ? { number: Number(number) } : {}),
          ...(type === 'ISSUE' && issuedAt ? { issuedAt } : {}),
        },
        'Thao tác',
      );
      const { decision } = await sendDecisionEvent(ctx, currentUser(req), String(req.params.id), body);
      flash(
        req,
        'ok',
        `Quyết định đã chuyển sang bước "${decisionStateLabel(decision.state)}"${decision.numberText ? `, số ${decision.numberText}` : ''}.`,
      );
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, back, { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back);
  });

  router.get('/decisions/:id/certificates.pdf', async (req, res) => {
    sendPdf(res, await decisionCertificatesPdf(ctx, currentUser(req), req.params.id));
  });
  router.get('/decisions/:id/certificates.zip', async (req, res: Response) => {
    const file = await decisionCertificatesZip(ctx, currentUser(req), req.params.id);
    sendDownload(res, file, 'application/zip');
  });
  return router;
}
