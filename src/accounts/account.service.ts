import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../../entities';
import { recordAdminEvent } from '../audit/admin-events.service';
import type { CurrentUser } from '../auth/current-user';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords';
import { endSessionsOfUser } from '../auth/session-store';
import { inTransaction } from '../db/transactions';
import { NotFoundError, RuleError } from '../http/errors';
import { parseWith } from '../http/validate';
import { mailKindsOf } from '../mail/notification-mail';
import { ChangePasswordInput, MailSettingsInput } from './account.schemas';

const fieldRule = (field: string, code: string, message: string) =>
  new RuleError(code, message, { fields: [{ field, code, message }] });

/** The account as its owner sees and edits it. */
export async function accountView(ds: DataSource, user: CurrentUser) {
  const row = await ds.getRepository(User).findOneBy({ id: user.id });
  if (!row) throw new NotFoundError('user_not_found', 'Không tìm thấy tài khoản.');
  return {
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    mailKinds: mailKindsOf(row),
    mailDigest: row.mailDigest,
    mustChangePassword: row.mustChangePassword,
    demo: row.demo,
  };
}

/** Refuses a password the policy does not accept, naming `field`. */
export function assertGoodPassword(password: string, username: string, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw fieldRule(field, 'weak_password', problem);
}

/**
 * Sets a user's own new password in `em`: the one-time flag is cleared and every session of the account
 * ends (the caller starts a fresh one for the request that made the change).
 */
export async function storeNewPassword(em: EntityManager, user: User, password: string): Promise<void> {
  await em.update(
    User,
    { id: user.id },
    { passwordHash: await hashPassword(password), mustChangePassword: false },
  );
  await endSessionsOfUser(em, user.id);
}

/** Changes the user's own password: the current one is required; the policy applies to the new one. */
export async function changeOwnPassword(ds: DataSource, actor: CurrentUser, raw: unknown): Promise<void> {
  const input = parseWith(ChangePasswordInput, raw, 'Đổi mật khẩu');
  const row = await ds.getRepository(User).findOneBy({ id: actor.id });
  if (!row) throw new NotFoundError('user_not_found', 'Không tìm thấy tài khoản.');
  if (!(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw fieldRule('currentPassword', 'wrong_password', 'Mật khẩu hiện tại không đúng.');
  if (input.newPassword === input.currentPassword)
    throw fieldRule('newPassword', 'same_password', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
  assertGoodPassword(input.newPassword, row.username, 'newPassword');
  await inTransaction(ds, async (em) => {
    await storeNewPassword(em, row, input.newPassword);
    await recordAdminEvent(em, actor, {
      action: 'user.password_changed',
      targetType: 'user',
      targetId: row.id,
      summary: `${row.username} tự đổi mật khẩu.`,
    });
  });
}

/** Sets the user's e-mail address and which notifications also come by e-mail (one by one or daily). */
export async function updateMailSettings(ds: DataSource, actor: CurrentUser, raw: unknown) {
  const input = parseWith(MailSettingsInput, raw, 'Nhận thông báo qua e-mail');
  if (!input.email && input.mailKinds.length)
    throw fieldRule('email', 'email_required', 'Cần địa chỉ e-mail để nhận thông báo qua e-mail.');
  await inTransaction(ds, (em) =>
    em.update(
      User,
      { id: actor.id },
      { email: input.email, mailKinds: input.mailKinds.join(','), mailDigest: input.mailDigest },
    ),
  );
  return accountView(ds, actor);
}
