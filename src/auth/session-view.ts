import { ROLE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import type { CurrentUser } from './current-user';
import { scopeNames } from './session-store';

/** The user as `GET /api/session` shows it, with the names of their scope. */
export async function sessionUserView(ctx: AppContext, user: CurrentUser) {
  const names = await scopeNames(ctx.ds, user);
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    ...(user.unitId ? { unitId: user.unitId, unitName: names.unitName ?? null } : {}),
    ...(user.districtId ? { districtId: user.districtId, districtName: names.districtName ?? null } : {}),
    ...(user.provinceId ? { provinceId: user.provinceId, provinceName: names.provinceName ?? null } : {}),
  };
}
