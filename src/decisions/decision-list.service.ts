import { Decision, DecisionItem, Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { jurisdictionFilter } from '../auth/jurisdiction';
import { decisionStatesWhereActs } from './decision-rules';
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

/**
 * The user's queue: decisions of their province at a step where they may act, oldest first — for a signer
 * only those assigned to them, for the văn thư every signed one.
 */
export async function listAwaitingMe(ctx: AppContext, user: CurrentUser) {
  const states = decisionStatesWhereActs(user.role);
  if (!states.length || !user.provinceId) return [];
  const qb = ctx.ds
    .getRepository(Decision)
    .createQueryBuilder('dec')
    .where('dec.provinceId = :provinceId', { provinceId: user.provinceId })
    .andWhere('dec.state IN (:...states)', { states });
  const rows = await qb.orderBy('dec.updatedAt', 'ASC').take(200).getMany();
  const items = [];
  for (const d of rows) {
    const named = await ctx.ds
      .getRepository(DecisionItem)
      .find({ where: { decisionId: d.id }, order: { position: 'ASC' } });
    const view = decisionView(user, d, named);
    // The machine decides: a signer acts only on what is assigned to them.
    if (view.allowedEvents.length) items.push(view);
  }
  return items;
}
