import { Router, type Request } from 'express';
import { Not } from 'typeorm';
import { Province, User } from '../../../entities';
import { COUNCIL_POSITIONS, COUNCIL_PURPOSES, type CouncilPurpose } from '../../../entities/council.entity';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { POSITION_LABELS, PURPOSE_LABELS } from '../../councils/council-labels';
import { AddMemberBody, SaveCouncilBody } from '../../councils/council.schemas';
import { addMember, listCouncils, removeMember, saveCouncil } from '../../councils/councils.service';
import { parseWith } from '../../http/validate';
import { input, select } from '../components';
import { fieldMessages, formValues, isFormError, keepForm, takeForm, type FormState } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

type Listing = Awaited<ReturnType<typeof listCouncils>>;
const YES_NO = [
  ['true', 'Có'],
  ['false', 'Không'],
] as const;
const DENOMINATORS = [
  ['members', 'Tổng số thành viên Hội đồng'],
  ['votes_cast', 'Số phiếu biểu quyết'],
] as const;
const COMPARISONS = [
  ['more_than', 'Trên (quá)'],
  ['at_least', 'Ít nhất (từ … trở lên)'],
] as const;

function councilForm(req: Request, l: Listing, purpose: CouncilPurpose, form: FormState) {
  const c = l.councils.find((x) => x.purpose === purpose);
  const mine = form.values.purpose === purpose;
  const v = (k: string, fallback: string) => (mine ? (form.values[k] ?? '') : fallback);
  const e = (k: string) => (mine ? form.errors[k] : undefined);
  const d = c ?? { ...l.defaults, name: '', termStart: '', termEnd: null, version: 0 };
  return html`<form
    method="post"
    action="/admin/councils/${purpose}?province=${l.province.code}"
    class="stack"
  >
    ${csrfField(req)}<input type="hidden" name="purpose" value="${purpose}" />
    ${c ? html`<input type="hidden" name="version" value="${c.version}" />` : ''}
    ${input('name', 'Tên Hội đồng', v('name', d.name), { required: true, max: 300, error: e('name') })}
    ${input('termStart', 'Nhiệm kỳ từ ngày', v('termStart', d.termStart), { type: 'date', required: true, error: e('termStart') })}
    ${input('termEnd', 'đến ngày', v('termEnd', d.termEnd ?? ''), { type: 'date', error: e('termEnd') })}
    ${input('quorumPercent', 'Số thành viên có mặt tối thiểu để họp (%)', v('quorumPercent', String(d.quorumPercent)), { type: 'number', required: true, error: e('quorumPercent') })}
    ${select('writtenVotesAllowed', 'Thành viên vắng được biểu quyết bằng văn bản', YES_NO, v('writtenVotesAllowed', String(d.writtenVotesAllowed)))}
    ${select('comparison', 'Điều kiện thông qua', COMPARISONS, v('comparison', d.comparison))}
    ${input('thresholdPercent', 'Tỷ lệ phiếu đồng ý (%)', v('thresholdPercent', String(d.thresholdPercent)), { type: 'number', required: true, error: e('thresholdPercent') })}
    ${select('denominator', 'Tính trên', DENOMINATORS, v('denominator', d.denominator))}
    ${input('postingWorkingDays', 'Số ngày làm việc công khai danh sách trước khi họp', v('postingWorkingDays', String(d.postingWorkingDays)), { type: 'number', required: true, error: e('postingWorkingDays') })}
    ${input('commentRetentionDays', 'Số ngày lưu thông tin người góp ý', v('commentRetentionDays', String(d.commentRetentionDays)), { type: 'number', required: true, error: e('commentRetentionDays') })}
    <button type="submit" class="primary">${c ? 'Lưu thay đổi' : 'Thành lập Hội đồng'}</button>
  </form>`;
}

function members(req: Request, l: Listing, purpose: CouncilPurpose, people: User[]) {
  const c = l.councils.find((x) => x.purpose === purpose);
  if (!c) return '';
  return html`<h3>Thành viên (${c.members.length})</h3>
    <ul class="plain">
      ${c.members.map(
        (m) =>
          html`<li>
            <strong>${m.name}</strong> — ${POSITION_LABELS[m.position]}, ${m.title}
            <form
              method="post"
              action="/admin/councils/${c.id}/members/${m.id}/remove?province=${l.province.code}"
              class="inline"
            >
              ${csrfField(req)}<button type="submit" class="danger" aria-label="Bỏ ${m.name} khỏi Hội đồng">
                Bỏ
              </button>
            </form>
          </li>`,
      )}
    </ul>
    <form method="post" action="/admin/councils/${c.id}/members?province=${l.province.code}" class="stack">
      ${csrfField(req)}
      ${select(
        'userId',
        'Tài khoản',
        people.map((p) => [p.id, `${p.displayName} (${p.username})`] as const),
        '',
        { required: true },
      )}
      ${select(
        'position',
        'Vị trí trong Hội đồng',
        COUNCIL_POSITIONS.map((p) => [p, POSITION_LABELS[p]] as const),
        'member',
      )}
      ${input('title', 'Chức vụ (in trong biên bản)', '', { required: true, max: 200 })}
      <button type="submit">Thêm thành viên</button>
    </form>`;
}

/** /admin/councils: the province's councils, their rules and members. */
export function adminCouncilPages(ctx: AppContext): Router {
  const router = Router();
  const back = (req: Request) =>
    `/admin/councils?province=${encodeURIComponent(String(req.query.province ?? ''))}`;
  router.get('/admin/councils', async (req, res) => {
    const provinces = await ctx.ds.getRepository(Province).find({ order: { name: 'ASC' } });
    const wanted =
      typeof req.query.province === 'string' && req.query.province ? req.query.province : provinces[0]?.code;
    const l = await listCouncils(ctx, currentUser(req), wanted);
    const people = await ctx.ds.getRepository(User).find({
      where: { provinceId: l.province.id, active: true, role: Not('ministry') },
      order: { displayName: 'ASC' },
    });
    const form = takeForm(req);
    await renderPage(ctx, req, res, {
      title: 'Hội đồng',
      section: 'councils',
      body: html`<h1>Hội đồng xét công nhận, khen thưởng — ${l.province.name}</h1>
        <p class="muted">
          Quy chế mặc định: họp khi có ít nhất ${l.defaults.quorumPercent}% thành viên; thông qua khi số phiếu
          đồng ý trên ${l.defaults.thresholdPercent}% tổng số thành viên; công khai
          ${l.defaults.postingWorkingDays} ngày làm việc trước khi họp. Mỗi Hội đồng có thể đổi quy chế của
          mình.
        </p>
        ${COUNCIL_PURPOSES.map(
          (p) =>
            html`<section class="card" aria-labelledby="h-${p}">
              <h2 id="h-${p}">${PURPOSE_LABELS[p]}</h2>
              ${councilForm(req, l, p, form)} ${members(req, l, p, people)}
            </section>`,
        )}`,
    });
  });
  router.post('/admin/councils/:purpose', async (req, res) => {
    const raw = formValues(req.body);
    const { purpose: rawPurpose, ...fields } = raw;
    const purpose = rawPurpose === 'award' ? 'award' : 'recognition';
    try {
      const body = parseWith(SaveCouncilBody, {
        ...fields,
        provinceId: String(req.query.province ?? ''),
        termEnd: raw.termEnd || null,
        writtenVotesAllowed: raw.writtenVotesAllowed === 'true',
        version: raw.version || undefined,
      });
      await saveCouncil(ctx, currentUser(req), purpose, body);
      flash(req, 'ok', 'Đã lưu Hội đồng.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, '/admin/councils', { errors: fieldMessages(err), values: raw });
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back(req));
  });
  router.post('/admin/councils/:id/members', async (req, res) => {
    try {
      await addMember(
        ctx,
        currentUser(req),
        req.params.id,
        parseWith(AddMemberBody, formValues(req.body), 'Thành viên'),
      );
      flash(req, 'ok', 'Đã thêm thành viên.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', Object.values(fieldMessages(err))[0] ?? err.message);
    }
    await seeOther(req, res, back(req));
  });
  router.post('/admin/councils/:id/members/:memberId/remove', async (req, res) => {
    await removeMember(ctx, currentUser(req), req.params.id, req.params.memberId);
    flash(req, 'ok', 'Đã bỏ thành viên khỏi Hội đồng.');
    await seeOther(req, res, back(req));
  });
  return router;
}
