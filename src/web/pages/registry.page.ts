import { Router } from 'express';
import { Province } from '../../../entities';
import { UNIT_TYPE_LABELS } from '../../../machines/domain';
import type { AppContext } from '../../app-context';
import { parseWith } from '../../http/validate';
import { listRegistry, REGISTRY_PAGE, RegistryQuery } from '../../registry/registry.service';
import { input, pager, select, showDate, UNIT_TYPE_OPTIONS } from '../components';
import { html } from '../html';
import { renderPage } from '../render';

const KINDS = [
  ['recognition', 'Công nhận điển hình'],
  ['award', 'Khen thưởng'],
] as const;

/** /registry: the public registry of recognized and awarded units, with a link to verify each certificate. */
export function registryPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/registry', async (req, res) => {
    const query = parseWith(RegistryQuery, req.query, 'Tham số tra cứu');
    const [result, provinces] = await Promise.all([
      listRegistry(ctx, query),
      ctx.ds.getRepository(Province).find({ order: { name: 'ASC' } }),
    ]);
    const kept = new URLSearchParams(
      Object.entries({ province: query.province, year: query.year, kind: query.kind, type: query.type })
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    );
    await renderPage(ctx, req, res, {
      title: 'Danh sách điển hình',
      section: 'registry',
      body: html`<h1>Danh sách đơn vị được công nhận, khen thưởng điển hình</h1>
        <p>
          Phong trào toàn dân bảo vệ an ninh Tổ quốc. Mỗi dòng là một giấy chứng nhận hoặc bằng khen đã ban
          hành; bấm số hiệu để kiểm tra.
        </p>
        <form method="get" action="/registry" class="filters" role="search">
          ${select(
            'province',
            'Tỉnh',
            provinces.map((p) => [p.code, p.name] as const),
            query.province ?? '',
            { empty: 'Tất cả' },
          )}
          ${input('year', 'Năm', query.year ? String(query.year) : '', { type: 'number' })}
          ${select('kind', 'Hình thức', KINDS, query.kind ?? '', { empty: 'Tất cả' })}
          ${select('type', 'Loại đơn vị', UNIT_TYPE_OPTIONS, query.type ?? '', { empty: 'Tất cả' })}
          <button type="submit">Tra cứu</button>
        </form>
        <div class="table-wrap">
          <table class="list">
            <caption>
              ${result.total} giấy chứng nhận, bằng khen
            </caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Tỉnh</th>
                <th scope="col">Năm</th>
                <th scope="col">Hình thức</th>
                <th scope="col">Quyết định</th>
                <th scope="col">Số hiệu</th>
                <th scope="col">Hiệu lực</th>
              </tr>
            </thead>
            <tbody>
              ${result.items.map(
                (e) =>
                  html`<tr>
                    <td data-label="Đơn vị">
                      ${e.unitName}${e.districtName ? html`<br /><small>${e.districtName}</small>` : ''}
                      <small>(${UNIT_TYPE_LABELS[e.unitType]})</small>
                    </td>
                    <td data-label="Tỉnh">${e.provinceName}</td>
                    <td data-label="Năm">${e.achievementYear}</td>
                    <td data-label="Hình thức">${e.kind === 'award' ? 'Khen thưởng' : 'Công nhận'}</td>
                    <td data-label="Quyết định">${e.decisionNumber} ngày ${showDate(e.issuedAt)}</td>
                    <td data-label="Số hiệu"><a href="/verify/${e.serial}">${e.serial}</a></td>
                    <td data-label="Hiệu lực">
                      ${e.inForce ? 'Còn hiệu lực' : html`<strong>Đã thu hồi</strong>`}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${pager(kept, query.page, REGISTRY_PAGE, result.total, '/registry')}`,
    });
  });
  return router;
}
