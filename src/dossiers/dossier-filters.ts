import { District } from '../../entities';
import { UNIT_TYPE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { stateLabel } from './dossier-rules';
import type { ListDossiersQuery } from './dossier.schemas';

/** The list's filters in words ("Trạng thái: Cấp huyện thẩm tra; Năm 2026"), for exports and headings. */
export async function describeFilters(
  ctx: AppContext,
  query: Partial<Omit<ListDossiersQuery, 'page' | 'pageSize'>>,
): Promise<string[]> {
  const district = query.districtId
    ? await ctx.ds.manager.findOneBy(District, { id: query.districtId })
    : null;
  return [
    query.state ? `Trạng thái: ${stateLabel(query.state)}` : '',
    query.year ? `Năm ${query.year}` : '',
    district ? district.name : '',
    query.unitType ? `Loại: ${UNIT_TYPE_LABELS[query.unitType]}` : '',
    query.due === 'overdue' ? 'Quá hạn' : query.due === 'soon' ? 'Sắp đến hạn' : '',
    query.q ? `Tìm: "${query.q}"` : '',
  ].filter(Boolean);
}
