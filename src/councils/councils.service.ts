import { IsNull, type EntityManager } from 'typeorm';
import { Council, CouncilMember, Province, User } from '../../entities';
import type { CouncilPurpose } from '../../entities/council.entity';
import { DEFAULT_COUNCIL_RULE, type CouncilRule } from '../../machines/council-rule';
import type { AppContext } from '../app-context';
import { recordAdminEvent } from '../audit/admin-events.service';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, NotFoundError, fieldRuleError } from '../http/errors';
import { POSITION_LABELS } from './council-labels';
import type { AddMemberBody, SaveCouncilBody } from './council.schemas';

/** Documented defaults a new council starts from (README "Hội đồng"); the admin changes them per council. */
export const COUNCIL_DEFAULTS = {
  ...DEFAULT_COUNCIL_RULE,
  /** Nghị định 98/2023: the nominees are made public for the people to comment before the council meets. */
  postingWorkingDays: 10,
  /** A commenter's name, phone and address are kept one year, then erased. */
  commentRetentionDays: 365,
};

/** The rule a council votes by. */
export const ruleOf = (c: Council): CouncilRule => ({
  quorumPercent: c.quorumPercent,
  writtenVotesAllowed: c.writtenVotesAllowed,
  thresholdPercent: c.thresholdPercent,
  denominator: c.denominator,
  comparison: c.comparison,
});

/** The province the user works on: the admin names one (id or code), everyone else has their own. */
export async function provinceFor(em: EntityManager, user: CurrentUser, wanted?: string): Promise<Province> {
  const key =
    user.role === 'admin' || user.role === 'ministry' ? (wanted ?? user.provinceId) : user.provinceId;
  const province = key
    ? await em
        .getRepository(Province)
        .createQueryBuilder('p')
        .where('p.id = :key OR p.code = :code', { key, code: key.toUpperCase() })
        .getOne()
    : null;
  if (!province) throw fieldRuleError('provinceId', 'province_not_found', 'Không tìm thấy tỉnh.');
  return province;
}

/** The province's council for a purpose, or null when it has none. */
export function councilFor(em: EntityManager, provinceId: string, purpose: CouncilPurpose) {
  return em.findOne(Council, { where: { provinceId, purpose } });
}

/** A council's current members with their accounts' names, chair first. */
export async function currentMembers(em: EntityManager, councilId: string) {
  const members = await em.find(CouncilMember, { where: { councilId, removedAt: IsNull() } });
  const users = await em.findByIds(
    User,
    members.map((m) => m.userId),
  );
  const order = Object.keys(POSITION_LABELS);
  return members
    .map((m) => {
      const u = users.find((x) => x.id === m.userId);
      return { ...m, name: u?.displayName ?? '', username: u?.username ?? '', unitId: u?.unitId ?? null };
    })
    .sort(
      (a, b) => order.indexOf(a.position) - order.indexOf(b.position) || a.name.localeCompare(b.name, 'vi'),
    );
}

/** The province's councils with their members, and the defaults a new one starts from. */
export async function listCouncils(ctx: AppContext, user: CurrentUser, provinceId?: string) {
  const em = ctx.ds.manager;
  const province = await provinceFor(em, user, provinceId);
  const councils = await em.find(Council, { where: { provinceId: province.id }, order: { purpose: 'ASC' } });
  const withMembers = [];
  for (const c of councils) withMembers.push({ ...c, members: await currentMembers(em, c.id) });
  return {
    province: { id: province.id, code: province.code, name: province.name },
    councils: withMembers,
    defaults: COUNCIL_DEFAULTS,
  };
}

/** Creates or updates (versioned) the province's council for a purpose. Admin only; audited. */
export async function saveCouncil(
  ctx: AppContext,
  user: CurrentUser,
  purpose: CouncilPurpose,
  body: SaveCouncilBody,
) {
  assertMay(user, 'admin.manage');
  return inTransaction(ctx.ds, async (em) => {
    const province = await provinceFor(em, user, body.provinceId);
    const existing = await councilFor(em, province.id, purpose);
    const at = ctx.clock().toISOString();
    const { provinceId: _p, version, ...fields } = body;
    const values = { ...fields, termEnd: fields.termEnd ?? null, updatedAt: at };
    if (!existing) {
      await em.insert(Council, { id: newId(), provinceId: province.id, purpose, version: 1, ...values });
    } else {
      if (version === undefined)
        throw fieldRuleError('version', 'version_required', 'Cần phiên bản đang sửa.');
      const result = await em
        .createQueryBuilder()
        .update(Council)
        .set({ ...values, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: existing.id, version })
        .execute();
      if (result.affected !== 1) {
        throw new ConflictError('stale_version', 'Hội đồng vừa được người khác sửa; hãy tải lại trang.', {
          currentVersion: existing.version,
        });
      }
    }
    const council = await em.findOneByOrFail(Council, { provinceId: province.id, purpose });
    await recordAdminEvent(
      em,
      user,
      {
        action: 'council.saved',
        targetType: 'council',
        targetId: council.id,
        summary: `Lưu ${council.name}.`,
        details: values,
      },
      ctx.clock(),
    );
    return council;
  });
}

async function councilById(em: EntityManager, id: string) {
  const council = await em.findOne(Council, { where: { id } });
  if (!council) throw new NotFoundError('council_not_found', 'Không tìm thấy Hội đồng.');
  return council;
}

/** Adds an account of the province to the council; one chair and one secretary at a time. */
export async function addMember(ctx: AppContext, user: CurrentUser, councilId: string, body: AddMemberBody) {
  assertMay(user, 'admin.manage');
  return inTransaction(ctx.ds, async (em) => {
    const council = await councilById(em, councilId);
    const person = await em.findOne(User, { where: { id: body.userId } });
    if (!person || !person.active || person.provinceId !== council.provinceId || person.role === 'ministry') {
      throw fieldRuleError(
        'userId',
        'invalid_member',
        'Thành viên phải là tài khoản đang hoạt động của tỉnh.',
      );
    }
    const members = await currentMembers(em, council.id);
    if (members.some((m) => m.userId === person.id)) {
      throw fieldRuleError('userId', 'already_member', `${person.displayName} đã là thành viên Hội đồng.`);
    }
    if (
      (body.position === 'chair' || body.position === 'secretary') &&
      members.some((m) => m.position === body.position)
    ) {
      throw fieldRuleError('position', 'position_taken', `Hội đồng đã có ${POSITION_LABELS[body.position]}.`);
    }
    const at = ctx.clock().toISOString();
    const member = {
      id: newId(),
      councilId: council.id,
      userId: person.id,
      position: body.position,
      title: body.title,
      addedAt: at,
      removedAt: null,
    };
    await em.insert(CouncilMember, member);
    await recordAdminEvent(
      em,
      user,
      {
        action: 'council.member_added',
        targetType: 'council',
        targetId: council.id,
        summary: `${person.displayName}: ${POSITION_LABELS[body.position]}, ${council.name}.`,
      },
      ctx.clock(),
    );
    return member;
  });
}

/** Ends a membership (past meetings keep the member on their attendance sheet). */
export async function removeMember(ctx: AppContext, user: CurrentUser, councilId: string, memberId: string) {
  assertMay(user, 'admin.manage');
  await inTransaction(ctx.ds, async (em) => {
    const council = await councilById(em, councilId);
    const member = await em.findOne(CouncilMember, {
      where: { id: memberId, councilId: council.id, removedAt: IsNull() },
    });
    if (!member) throw new NotFoundError('member_not_found', 'Không tìm thấy thành viên.');
    const at = ctx.clock().toISOString();
    await em.update(CouncilMember, { id: member.id }, { removedAt: at });
    await recordAdminEvent(
      em,
      user,
      {
        action: 'council.member_removed',
        targetType: 'council',
        targetId: council.id,
        summary: `Bỏ thành viên khỏi ${council.name}.`,
        details: { userId: member.userId },
      },
      ctx.clock(),
    );
  });
}
