import crypto from 'node:crypto';
import { IsNull, MoreThan } from 'typeorm';
import { PasswordReset, User } from '../../entities';
import type { AppContext } from '../app-context';
import { recordAdminEvent } from '../audit/admin-events.service';
import { toCurrentUser } from '../auth/current-user';
import { clearFailures } from '../auth/login-throttle';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { RuleError } from '../http/errors';
import { parseWith } from '../http/validate';
import { passwordResetMail } from '../mail/mail-templates';
import { enqueueMail } from '../mail/outbox';
import { ResetCompleteInput, ResetRequestInput } from './account.schemas';
import { assertGoodPassword, storeNewPassword } from './account.service';

/** How long a reset link works. */
export const RESET_TTL_MINUTES = 30;
/** Links one account may be sent in an hour (more would let anyone flood its mailbox). */
const MAX_LINKS_PER_HOUR = 3;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

const invalidLink = () =>
  new RuleError(
    'reset_link_invalid',
    'Liên kết đặt lại mật khẩu không hợp lệ, đã được dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.',
  );

/**
 * Forgot password: when `login` (username or e-mail) names an active account with an e-mail address, a
 * single-use link valid RESET_TTL_MINUTES is mailed to it (outbox, same transaction). The answer is the
 * same whether or not an account matched, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(ctx: AppContext, raw: unknown): Promise<void> {
  const { login } = parseWith(ResetRequestInput, raw, 'Quên mật khẩu');
  const key = login.toLowerCase();
  const user = await ctx.ds
    .getRepository(User)
    .findOne({ where: key.includes('@') ? { email: key } : { username: key } });
  if (!user?.email || !user.active) return;
  const now = ctx.clock();
  const recent = await ctx.ds.getRepository(PasswordReset).countBy({
    userId: user.id,
    createdAt: MoreThan(new Date(now.getTime() - 60 * 60_000).toISOString()),
  });
  if (recent >= MAX_LINKS_PER_HOUR) return;
  const token = crypto.randomBytes(32).toString('base64url');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MINUTES * 60_000).toISOString();
  const mail = passwordResetMail(user.displayName, user.username, RESET_TTL_MINUTES);
  await inTransaction(ctx.ds, async (em) => {
    await em.insert(PasswordReset, {
      id: newId(),
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: at,
      expiresAt,
      usedAt: null,
    });
    await enqueueMail(
      em,
      [{ userId: user.id, to: user.email ?? '', ...mail, link: `/reset-password?token=${token}`, expiresAt }],
      at,
    );
  });
}

/** The account a reset link is for, while the link is unused and unexpired; RuleError otherwise. */
export async function userOfResetLink(ctx: AppContext, token: string): Promise<User> {
  const reset = await ctx.ds.getRepository(PasswordReset).findOneBy({ tokenHash: hashToken(token) });
  if (!reset || reset.usedAt || reset.expiresAt <= ctx.clock().toISOString()) throw invalidLink();
  const user = await ctx.ds.getRepository(User).findOneBy({ id: reset.userId });
  if (!user?.active) throw invalidLink();
  return user;
}

/**
 * Sets a new password through a reset link: the link is spent (a conditional update, so a link clicked
 * twice at once works once), every other link of the account too, and every session of the account ends.
 */
export async function completePasswordReset(ctx: AppContext, raw: unknown): Promise<User> {
  const input = parseWith(ResetCompleteInput, raw, 'Đặt lại mật khẩu');
  const user = await userOfResetLink(ctx, input.token);
  assertGoodPassword(input.password, user.username, 'password');
  const at = ctx.clock().toISOString();
  await inTransaction(ctx.ds, async (em) => {
    const spent = await em
      .createQueryBuilder()
      .update(PasswordReset)
      .set({ usedAt: at })
      .where('"tokenHash" = :hash AND "usedAt" IS NULL AND "expiresAt" > :at', {
        hash: hashToken(input.token),
        at,
      })
      .execute();
    if (spent.affected !== 1) throw invalidLink();
    await em.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: at });
    await storeNewPassword(em, user, input.password);
    await recordAdminEvent(em, toCurrentUser(user), {
      action: 'user.password_reset_by_link',
      targetType: 'user',
      targetId: user.id,
      summary: `${user.username} đặt lại mật khẩu bằng liên kết gửi qua e-mail.`,
    });
  });
  // The failures that locked the name out were the forgotten password's.
  await clearFailures(ctx.ds, { username: user.username, clientIp: undefined });
  return user;
}
