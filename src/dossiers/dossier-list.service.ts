import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import type { ListDossiersQuery } from './dossier.schemas';
import { stateLabel } from './dossier-rules';
import { queryDossierList, type ListOptions, type ListRow } from './dossier.storage';
import type { UnitSummary } from './dossier.view';

export type { ListOptions };

/** A page of dossiers in the user's jurisdiction, newest change first (or soonest due first). */
export async function listDossiers(
  ctx: AppContext,
  user: CurrentUser,
  query: ListDossiersQuery,
  options: ListOptions = {},
) {
  const scope = jurisdictionFilter(user);
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (scope === null) return empty;
  const { rows, total } = await queryDossierList(ctx, scope, query, options);
  const now = ctx.clock().getTime();
  const items = rows.map((row) => ({
    id: row.id,
    code: row.code,
    unitId: row.unitId,
    unit: row.u_id === null ? null : unitOf(row.u_id, row),
    year: row.year,
    state: row.state,
    stateLabel: stateLabel(row.state),
    version: row.version,
    dueAt: row.dueAt,
    overdue: row.dueAt !== null && Date.parse(row.dueAt) < now,
    updatedAt: row.updatedAt,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

const unitOf = (id: string, row: ListRow): UnitSummary => ({
  id,
  name: row.u_name,
  type: row.u_type,
  districtId: row.u_districtId,
  districtName: row.u_districtName,
  managedBy: row.u_managedBy,
});
