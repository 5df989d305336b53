import { Router } from 'express';
import { Unit } from '../../../entities';
import { MANAGED_BY, MANAGED_BY_LABELS } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../auth/require-user';
import { NotFoundError } from '../../http/errors';
import { KNOWN_TAGS, tagLabel } from '../../units/tag-labels';
import { updateUnit } from '../../units/units-import';
import { listAllPlaces } from '../../units/units.service';
import { input, select, UNIT_TYPE_OPTIONS } from '../components';
import { field, formValues, isFormError, keepForm, keptHas, takeForm } from '../forms';
import { html } from '../html';
import { csrfField, flash } from '../layout';
import { renderPage, seeOther } from '../render';

/** /admin/units/:id/edit: one unit's name, type, district, level, tags and block (its code stays). */
export function adminUnitEditPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/units/:id/edit', async (req, res) => {
    const unit = await ctx.ds.getRepository(Unit).findOneBy({ id: String(req.params.id) });
    if (!unit) throw new NotFoundError('unit_not_found', 'Không tìm thấy đơn vị.');
    const { districts } = await listAllPlaces(ctx);
    const form = takeForm(req);
    const kept = Object.keys(form.values).length > 0;
    const v = (k: string, stored: string) => (kept ? (form.values[k] ?? '') : stored);
    const district = districts.find((d) => d.id === unit.districtId);
    const tags = [
      ...KNOWN_TAGS,
      ...unit.tags.filter((t) => !KNOWN_TAGS.some(([c]) => c === t)).map((t) => [t, tagLabel(t)]),
    ];
    await renderPage(ctx, req, res, {
      title: `Sửa ${unit.name}`,
      section: 'units',
      body: html`<h1>Sửa đơn vị: ${unit.name} <small>mã ${unit.code}</small></h1>
        <form method="post" action="/admin/units/${unit.id}/edit" class="stack card">
          ${csrfField(req)}
          ${input('name', 'Tên đơn vị', v('name', unit.name), { required: true, max: 300, error: form.errors.name })}
          ${select('type', 'Loại đơn vị', UNIT_TYPE_OPTIONS, v('type', unit.type), { required: true })}
          ${select(
            'district_code',
            'Huyện',
            districts.filter((d) => d.provinceId === unit.provinceId).map((d) => [d.code, d.name] as const),
            v('district_code', district?.code ?? ''),
            { empty: '— (đơn vị do tỉnh quản lý)' },
          )}
          ${select(
            'managed_by',
            'Cấp quản lý',
            MANAGED_BY.map((m) => [m, MANAGED_BY_LABELS[m]] as const),
            v('managed_by', unit.managedBy),
            { required: true },
          )}
          <fieldset>
            <legend>Nhãn</legend>
            ${tags.map(([code, label]) => html`<label class="check"><input type="checkbox" name="tags" value="${code}" ${(kept ? keptHas(form.values.tags, code) : unit.tags.includes(code)) ? 'checked' : ''} /> ${label}</label>`)}
          </fieldset>
          ${input('block', 'Khối (đơn vị do tỉnh quản lý)', v('block', unit.block ?? ''), { max: 100 })}
          <button type="submit" class="primary">Lưu</button>
          <a href="/admin/units">Quay lại danh sách đơn vị</a>
        </form>`,
    });
  });
  router.post('/admin/units/:id/edit', async (req, res) => {
    const id = String(req.params.id);
    const tags = ([] as unknown[])
      .concat((req.body as Record<string, unknown>).tags ?? [])
      .filter((t) => typeof t === 'string');
    try {
      const unit = await updateUnit(
        ctx.ds,
        id,
        {
          name: field(req.body, 'name'),
          type: field(req.body, 'type'),
          district_code: field(req.body, 'district_code'),
          managed_by: field(req.body, 'managed_by'),
          tags: tags.join(';'),
          block: field(req.body, 'block'),
        },
        currentUser(req),
      );
      flash(req, 'ok', `Đã lưu đơn vị ${unit.name}.`);
      await seeOther(req, res, '/admin/units');
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, `/admin/units/${id}/edit`, { errors: {}, values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, `/admin/units/${id}/edit`);
    }
  });
  return router;
}
