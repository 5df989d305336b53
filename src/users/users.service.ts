import { endSessionsOfUser } from '../auth/session-store';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { ROLE_LABELS, ROLES } from '../../machines/domain';
import { CLI_ACTOR, recordAdminEvent } from '../audit/admin-events.service';
import type { Actor } from '../auth/current-user';
import { District, Province, Unit, User } from '../../entities';
import { hashPassword, oneTimePassword, passwordProblem } from '../auth/passwords';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, NotFoundError, RuleError } from '../http/errors';
import { parseWith } from '../http/validate';
import { findUnitByText } from '../units/find-unit';

export const CreateUserInput = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, 'Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang.'),
  /** Empty when an admin creates the account: a one-time password is issued instead. */
  password: z.string().max(256).default(''),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  /** Scope by code: the unit code (unit officer), district code (district reviewer), province code. */
  province: z.string().trim().max(32).optional(),
  district: z.string().trim().max(32).optional(),
  /** The unit's code, or its name with or without accents ("Thượng Nông"), or "name — code" from the picker. */
  unit: z.string().trim().max(200).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

type ScopeInput = Pick<CreateUserInput, 'role' | 'province' | 'district' | 'unit'>;

const scopeError = (field: string, message: string) =>
  new RuleError('invalid_scope', message, { fields: [{ field, code: 'invalid_scope', message }] });

/** The scope ids for a role from codes; RuleError naming the field when a code is missing or unknown. */
async function resolveScope(em: EntityManager, input: ScopeInput) {
  const province = input.province ? await em.findOne(Province, { where: { code: input.province } }) : null;
  const district =
    input.district && province
      ? await em.findOne(District, { where: { code: input.district, provinceId: province.id } })
      : null;
  const unit = input.unit && province ? await findUnitByText(em, province.id, input.unit, 'unit') : null;
  // The admin and the Ministry see every province; every other account belongs to one.
  if (input.role !== 'admin' && input.role !== 'ministry' && !province)
    throw scopeError('province', 'Cần mã tỉnh hợp lệ.');
  if (input.role === 'unit_officer' && !unit)
    throw scopeError(
      'unit',
      input.unit ? `Không tìm thấy đơn vị "${input.unit}" trong tỉnh.` : 'Cán bộ đơn vị cần chọn đơn vị.',
    );
  if (input.role === 'district_reviewer' && !district)
    throw scopeError('district', 'Cán bộ cấp huyện cần mã huyện hợp lệ.');
  return {
    provinceId: province?.id ?? null,
    districtId: district?.id ?? unit?.districtId ?? null,
    unitId: unit?.id ?? null,
  };
}

/**
 * Creates an account with its scope resolved from codes; throws RuleError for a scope that does not fit
 * the role. An account an admin creates must change the password the admin chose at its first login
 * (the CLI, run by the operator for themselves, does not ask).
 */
export async function createUser(
  ds: DataSource,
  raw: unknown,
  actor: Actor = CLI_ACTOR,
): Promise<User & { oneTimePassword: string | null }> {
  const input = parseWith(CreateUserInput, raw, 'Tài khoản');
  // A person creating an account may leave the password to us: a one-time password, shown once.
  const oneTime = !input.password && actor.id !== null ? oneTimePassword() : null;
  if (oneTime) input.password = oneTime;
  const problem = passwordProblem(input.password, input.username);
  if (problem)
    throw new RuleError('weak_password', problem, {
      fields: [{ field: 'password', code: 'weak_password', message: problem }],
    });
  return inTransaction(ds, async (em) => {
    if (await em.exists(User, { where: { username: input.username } })) {
      throw new ConflictError('username_taken', `Tên đăng nhập ${input.username} đã tồn tại.`, {
        fields: [{ field: 'username', code: 'username_taken', message: 'Tên đăng nhập đã tồn tại.' }],
      });
    }
    const scope = await resolveScope(em, input);
    const user = em.create(User, {
      id: newId(),
      username: input.username,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      role: input.role,
      ...scope,
      active: true,
      mustChangePassword: actor.id !== null,
      createdAt: new Date().toISOString(),
    });
    await em.insert(User, user);
    await recordAdminEvent(em, actor, {
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      summary: `Tạo tài khoản ${user.username} (${ROLE_LABELS[user.role]}).`,
    });
    return { ...user, oneTimePassword: oneTime };
  });
}

const userNotFound = () => new NotFoundError('user_not_found', 'Không tìm thấy tài khoản.');

/** The account with this id; throws NotFoundError (404). */
export async function getUser(ds: DataSource, id: string): Promise<User> {
  const user = await ds.getRepository(User).findOneBy({ id });
  if (!user) throw new NotFoundError('user_not_found', 'Không tìm thấy tài khoản.');
  return user;
}

/** Accounts, by username, with their scope names; optionally filtered by text. */
export async function listUsers(ds: DataSource, query: { q?: string; page: number; pageSize: number }) {
  const qb = ds.getRepository(User).createQueryBuilder('u');
  const q = query.q?.trim().toLowerCase();
  if (q) {
    qb.where('(LOWER(u.username) LIKE :q OR LOWER(u.displayName) LIKE :q)', {
      q: `%${q.replace(/[%_\\]/g, '')}%`,
    });
  }
  const [rows, total] = await qb
    .orderBy('u.username', 'ASC')
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize)
    .getManyAndCount();
  const ids = (key: 'provinceId' | 'districtId' | 'unitId') => [
    ...new Set(rows.map((u) => u[key]).filter((x): x is string => x !== null)),
  ];
  const [provinces, districts, units] = await Promise.all([
    ds.getRepository(Province).findBy({ id: In(ids('provinceId')) }),
    ds.getRepository(District).findBy({ id: In(ids('districtId')) }),
    ds.getRepository(Unit).findBy({ id: In(ids('unitId')) }),
  ]);
  const name = <T extends { id: string; name: string }>(list: T[], id: string | null) =>
    list.find((x) => x.id === id)?.name ?? null;
  const codeOf = <T extends { id: string; code: string }>(list: T[], id: string | null) =>
    list.find((x) => x.id === id)?.code ?? '';
  return {
    total,
    items: rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      active: u.active,
      scope: name(units, u.unitId) ?? name(districts, u.districtId) ?? name(provinces, u.provinceId),
      codes: {
        province: codeOf(provinces, u.provinceId),
        district: codeOf(districts, u.districtId),
        unit: codeOf(units, u.unitId),
      },
    })),
  };
}

/** Disables (its sessions stop working at the next request) or re-enables an account; not one's own. */
export async function setUserActive(
  ds: DataSource,
  actor: Actor,
  id: string,
  active: boolean,
): Promise<User> {
  if (actor.id === id && !active) {
    throw new RuleError('cannot_disable_self', 'Không thể tự khóa tài khoản của chính mình.');
  }
  return inTransaction(ds, async (em) => {
    const user = await em.findOneBy(User, { id });
    if (!user) throw userNotFound();
    await em.update(User, { id }, { active });
    if (!active) await endSessionsOfUser(em, id);
    await recordAdminEvent(em, actor, {
      action: active ? 'user.unlocked' : 'user.locked',
      targetType: 'user',
      targetId: id,
      summary: `${active ? 'Mở khóa' : 'Khóa'} tài khoản ${user.username}.`,
    });
    return { ...user, active };
  });
}

/**
 * Resets a password to a one-time password, returned to show the admin once (never stored in clear): the
 * user must choose their own at the next login.
 */
export async function resetUserPassword(ds: DataSource, actor: Actor, id: string): Promise<string> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(ds, async (em) => {
    const user = await em.findOneBy(User, { id });
    if (!user) throw userNotFound();
    await em.update(User, { id }, { passwordHash, mustChangePassword: true });
    // Whoever knew the old password is out at their next request.
    await endSessionsOfUser(em, id);
    await recordAdminEvent(em, actor, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: id,
      summary: `Đặt lại mật khẩu cho ${user.username} (mật khẩu dùng một lần).`,
    });
  });
  return password;
}

export const UpdateRoleInput = CreateUserInput.pick({
  role: true,
  province: true,
  district: true,
  unit: true,
});

/** Changes an account's role and scope (codes resolved as on creation). */
export async function updateUserRole(ds: DataSource, actor: Actor, id: string, raw: unknown): Promise<void> {
  const input = parseWith(UpdateRoleInput, raw, 'Vai trò');
  await inTransaction(ds, async (em) => {
    const user = await em.findOneBy(User, { id });
    if (!user) throw userNotFound();
    const scope = await resolveScope(em, input);
    await em.update(User, { id }, { role: input.role, ...scope });
    await endSessionsOfUser(em, id);
    await recordAdminEvent(em, actor, {
      action: 'user.role_changed',
      targetType: 'user',
      targetId: id,
      summary: `Đổi vai trò của ${user.username}: ${ROLE_LABELS[user.role]} → ${ROLE_LABELS[input.role]}.`,
      details: {
        from: {
          role: user.role,
          provinceId: user.provinceId,
          districtId: user.districtId,
          unitId: user.unitId,
        },
        to: { role: input.role, ...scope },
      },
    });
  });
}
