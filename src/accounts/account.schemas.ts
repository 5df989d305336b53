import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../../entities/notification.entity';

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'Nhập mật khẩu hiện tại.').max(256),
  newPassword: z.string().min(1, 'Nhập mật khẩu mới.').max(256),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const MailSettingsInput = z.strictObject({
  /** '' or null removes the address. */
  email: z
    .union([z.literal(''), z.null(), z.email('Địa chỉ e-mail không hợp lệ.').max(254)])
    .transform((v) => (v ? v.trim().toLowerCase() : null)),
  mailKinds: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
  mailDigest: z.boolean(),
});
export type MailSettingsInput = z.infer<typeof MailSettingsInput>;

export const ResetRequestInput = z.strictObject({
  /** The username or the e-mail address of the account. */
  login: z.string().trim().min(1, 'Nhập tên đăng nhập hoặc e-mail.').max(254),
});

export const ResetCompleteInput = z.strictObject({
  token: z.string().trim().min(20).max(200),
  password: z.string().min(1, 'Nhập mật khẩu mới.').max(256),
});
