import { z } from 'zod';
import { SavedFilter } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { newId } from '../db/ids';
import { ConflictError, NotFoundError, RuleError } from '../http/errors';
import { parseWith } from '../http/validate';
import { describeFilters } from './dossier-filters';
import { ExportQuery } from './dossier.schemas';

/** The most filters one person keeps: a short list to choose from, not a second database. */
export const MAX_SAVED_FILTERS = 20;

/** POST /api/saved-filters: a name and the list's query string. */
export const SaveFilterBody = z.strictObject({
  name: z.string().trim().min(1, 'Vui lòng đặt tên cho bộ lọc.').max(100, 'Tên bộ lọc tối đa 100 ký tự.'),
  query: z.string().max(1000),
});

/** The user's saved filters, by name, each with its filters in words and its link. */
export async function listSavedFilters(ctx: AppContext, user: CurrentUser) {
  const rows = await ctx.ds
    .getRepository(SavedFilter)
    .find({ where: { userId: user.id }, order: { name: 'ASC' } });
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: r.name,
      query: r.query,
      href: `/dossiers${r.query ? `?${r.query}` : ''}`,
      description: (await describeFilters(ctx, filtersOf(r.query))).join('; ') || 'Tất cả hồ sơ',
    })),
  );
}

/** The list's filters a query string holds; 400 with the field named when it holds anything else. */
function filtersOf(query: string) {
  // The page the list was on is not part of a filter.
  const paging = new Set(['page', 'pageSize']);
  const raw = Object.fromEntries(
    [...new URLSearchParams(query)].filter(([k, v]) => v !== '' && !paging.has(k)),
  );
  return parseWith(ExportQuery, raw, 'Bộ lọc');
}

/** Saves the list's current filters under a name (unique per user; 409 when taken, 422 past the limit). */
export async function saveFilter(ctx: AppContext, user: CurrentUser, body: z.infer<typeof SaveFilterBody>) {
  const filters = filtersOf(body.query.replace(/^\?/, ''));
  // Kept in a canonical form: only the list's filters, in a fixed order.
  const query = new URLSearchParams(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  const repo = ctx.ds.getRepository(SavedFilter);
  if (await repo.findOneBy({ userId: user.id, name: body.name })) {
    throw new ConflictError('filter_name_taken', `Đã có bộ lọc tên "${body.name}".`, {
      fields: [{ field: 'name', code: 'taken', message: 'Tên này đã dùng cho một bộ lọc khác.' }],
    });
  }
  if ((await repo.countBy({ userId: user.id })) >= MAX_SAVED_FILTERS) {
    throw new RuleError('too_many_filters', `Mỗi người lưu tối đa ${MAX_SAVED_FILTERS} bộ lọc; hãy xóa bớt.`);
  }
  const row: SavedFilter = {
    id: newId(),
    userId: user.id,
    name: body.name,
    query,
    createdAt: ctx.clock().toISOString(),
  };
  await repo.insert(row);
  return { id: row.id, name: row.name, query: row.query };
}

/** Deletes one of the user's own filters (404 for anyone else's). */
export async function deleteSavedFilter(ctx: AppContext, user: CurrentUser, id: string): Promise<void> {
  const res = await ctx.ds.getRepository(SavedFilter).delete({ id, userId: user.id });
  if (!res.affected) throw new NotFoundError('filter_not_found', 'Không tìm thấy bộ lọc.');
}
