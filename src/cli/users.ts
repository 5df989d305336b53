import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ROLES } from '../../machines/domain';
import { District, Province, Unit, User } from '../../entities';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, RuleError } from '../http/errors';
import { parseWith } from '../http/validate';

export const CreateUserInput = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, 'Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang.'),
  password: z.string(),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  /** Scope by code: the unit code (unit officer), district code (district reviewer), province code. */
  province: z.string().trim().max(32).optional(),
  district: z.string().trim().max(32).optional(),
  unit: z.string().trim().max(32).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

/** Creates an account with its scope resolved from codes; throws RuleError for a scope that does not fit the role. */
export async function createUser(ds: DataSource, raw: unknown): Promise<User> {
  const input = parseWith(CreateUserInput, raw, 'Tài khoản');
  const problem = passwordProblem(input.password);
  if (problem) throw new RuleError('weak_password', problem);
  return inTransaction(ds, async (em) => {
    if (await em.exists(User, { where: { username: input.username } })) {
      throw new ConflictError('username_taken', `Tên đăng nhập ${input.username} đã tồn tại.`);
    }
    const province = input.province ? await em.findOne(Province, { where: { code: input.province } }) : null;
    const district =
      input.district && province
        ? await em.findOne(District, { where: { code: input.district, provinceId: province.id } })
        : null;
    const unit =
      input.unit && province
        ? await em.findOne(Unit, { where: { code: input.unit, provinceId: province.id } })
        : null;
    const need = (ok: boolean, message: string): void => {
      if (!ok) throw new RuleError('invalid_scope', message);
    };
    if (input.role !== 'admin') need(province !== null, 'Cần mã tỉnh hợp lệ (--province).');
    if (input.role === 'unit_officer') need(unit !== null, 'Cán bộ đơn vị cần mã đơn vị hợp lệ (--unit).');
    if (input.role === 'district_reviewer')
      need(district !== null, 'Cán bộ cấp huyện cần mã huyện hợp lệ (--district).');
    const user = em.create(User, {
      id: newId(),
      username: input.username,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      role: input.role,
      provinceId: province?.id ?? null,
      districtId: district?.id ?? unit?.districtId ?? null,
      unitId: unit?.id ?? null,
      active: true,
      createdAt: new Date().toISOString(),
    });
    await em.insert(User, user);
    return user;
  });
}
