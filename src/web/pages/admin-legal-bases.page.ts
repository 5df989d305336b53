import { Router } from 'express';
import { DECISION_KINDS } from '../../../entities/decision.entity';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import {
  AuthorityBody,
  LegalBasesBody,
  listLegalBases,
  replaceLegalBases,
  setAuthority,
} from '../../decisions/legal-bases.service';
import { NotFoundError } from '../../http/errors';
import { parseWith } from '../../http/validate';
import { listAllPlaces } from '../../units/units.service';
import { fieldError } from '../components';
import { field, fieldMessages, formValues, isFormError, keepForm, takeForm } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';
import { KIND_LABELS } from './decision-detail.html';

/** /admin/legal-bases: the legal bases each kind of decision cites, per province, one per line. */
export function adminLegalBasisPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/legal-bases', async (req, res) => {
    const user = currentUser(req);
    const { provinces } = await listAllPlaces(ctx);
    const provinceId =
      typeof req.query.provinceId === 'string'
        ? req.query.provinceId
        : (user.provinceId ?? provinces[0]?.id ?? '');
    const kinds = provinceId ? await listLegalBases(ctx, user, provinceId) : [];
    const form = takeForm(req);
    await renderPage(ctx, req, res, {
      title: 'Căn cứ pháp lý của quyết định',
      section: 'legal-bases',
      body: html`<h1>Căn cứ pháp lý của quyết định</h1>
        <p>
          Mỗi dòng một căn cứ, ghi số (nếu có) và ngày ban hành. Quyết định in "Căn cứ …;" theo đúng thứ tự;
          Bộ tiêu chí chỉ được viện dẫn khi hồ sơ chấm theo bộ tiêu chí chính thức; kế hoạch và Tờ trình được
          viện dẫn tự động. Để trống để dùng căn cứ mặc định.
        </p>
        ${kinds.map(
          (k) =>
            html`<section class="card" aria-labelledby="lb-${k.kind}">
              <h2 id="lb-${k.kind}">
                Quyết định ${KIND_LABELS[k.kind].toLowerCase()}${k.own ? '' : ' (đang dùng mặc định)'}
              </h2>
              <form method="post" action="/admin/legal-bases/${k.kind}/authority" class="stack">
                ${csrfField(req)}<input type="hidden" name="provinceId" value="${provinceId}" />
                <fieldset>
                  <legend>Thẩm quyền ban hành</legend>
                  <label class="check"
                    ><input type="radio" name="collective" value="0" ${k.collective ? '' : 'checked'} /> Chủ
                    tịch Ủy ban nhân dân tỉnh quyết định (ký "CHỦ TỊCH" hoặc "KT. CHỦ TỊCH")</label
                  >
                  <label class="check"
                    ><input type="radio" name="collective" value="1" ${k.collective ? 'checked' : ''} /> Ủy
                    ban nhân dân tỉnh (tập thể) quyết định (ký "TM. ỦY BAN NHÂN DÂN")</label
                  >
                </fieldset>
                <button type="submit">Lưu thẩm quyền</button>
              </form>
              <form method="post" action="/admin/legal-bases/${k.kind}" class="stack">
                ${csrfField(req)}<input type="hidden" name="provinceId" value="${provinceId}" />
                <label for="f-bases-${k.kind}">Căn cứ (mỗi dòng một căn cứ)</label>
                <textarea id="f-bases-${k.kind}" name="bases" rows="6" maxlength="10000">
${form.values.kind === k.kind ? (form.values.bases ?? '') : k.bases.join('\n')}</textarea>
                ${form.values.kind === k.kind ? fieldError('bases', form.errors.bases) : ''}
                <button type="submit" class="primary">Lưu</button>
              </form>
            </section>`,
        )}`,
    });
  });

  router.post('/admin/legal-bases/:kind/authority', async (req, res) => {
    const kind = DECISION_KINDS.find((k) => k === req.params.kind);
    if (!kind) throw new NotFoundError('route_not_found', 'Không tìm thấy loại quyết định.');
    const provinceId = field(req.body, 'provinceId');
    const back = `/admin/legal-bases?provinceId=${encodeURIComponent(provinceId)}`;
    try {
      const choice = field(req.body, 'collective');
      const body = parseWith(
        AuthorityBody,
        { provinceId, collective: choice === '1' ? true : choice === '0' ? false : undefined },
        'Thẩm quyền ban hành',
      );
      await setAuthority(ctx, currentUser(req), kind, body);
      flash(req, 'ok', `Đã lưu thẩm quyền ban hành quyết định ${KIND_LABELS[kind].toLowerCase()}.`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back);
  });

  router.post('/admin/legal-bases/:kind', async (req, res) => {
    const kind = DECISION_KINDS.find((k) => k === req.params.kind);
    if (!kind) throw new NotFoundError('route_not_found', 'Không tìm thấy loại quyết định.');
    const back = `/admin/legal-bases`;
    try {
      const body = parseWith(
        LegalBasesBody,
        {
          provinceId: field(req.body, 'provinceId'),
          bases: field(req.body, 'bases')
            .split(/\r?\n/)
            .map((l) =>
              l
                .trim()
                .replace(/^Căn cứ\s+/u, '')
                .replace(/[;.]$/, ''),
            )
            .filter(Boolean),
        },
        'Căn cứ pháp lý',
      );
      await replaceLegalBases(ctx, currentUser(req), kind, body);
      flash(req, 'ok', 'Đã lưu căn cứ pháp lý.');
    } catch (err) {
      if (!isFormError(err)) throw err;
      const errors = fieldMessages(err, (f) => (f.startsWith('bases') ? 'bases' : f));
      keepForm(req, back, { errors, values: { ...formValues(req.body), kind: String(kind) } });
      flash(req, 'error', err.message);
    }
    await seeOther(req, res, back);
  });
  return router;
}
