import { Decision, DecisionItem, Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import type { ListDecisionsQuery } from './decision.schemas';
import { decisionView } from './decision.view';

/** Decisions naming at least one dossier in the user's jurisdiction, newest first. */
export async function listDecisions(ctx: AppContext, user: CurrentUser, query: ListDecisionsQuery) {
  const scope = jurisdictionFilter(user);
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (scope === null) return empty;
  const qb = ctx.ds.getRepository(Decision).createQueryBuilder('dec');
  const visible = ctx.ds
    .createQueryBuilder()
    .select('1')
    .from(DecisionItem, 'i')
    .innerJoin(Dossier, 'd', 'd.id = i.dossierId')
    .where('i.decisionId = dec.id');
  for (const [column, value] of Object.entries(scope))
    visible.andWhere(`d.${column} = :${column}`, { [column]: value });
  qb.where(`EXISTS (${visible.getQuery()})`, visible.getParameters());
  if (query.kind) qb.andWhere('dec.kind = :kind', { kind: query.kind });
  if (query.year) qb.andWhere('dec.year = :year', { year: query.year });
  if (query.state) qb.andWhere('dec.state = :state', { state: query.state });
  const [rows, total] = await qb
    .orderBy('dec.createdAt', 'DESC')
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize)
    .getManyAndCount();
  const items = [];
  for (const d of rows) {
    items.push(
      decisionView(
        user,
        d,
        await ctx.ds
          .getRepository(DecisionItem)
          .find({ where: { decisionId: d.id }, order: { position: 'ASC' } }),
      ),
    );
  }
  return { items, total, page: query.page, pageSize: query.pageSize };
}
