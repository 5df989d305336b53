import type { NotificationKind } from '../../entities/notification.entity';
import { vnClock, vnDate } from '../calendar/time';
import { vnShortDate } from '../documents/vn-format';

/** What each kind of notification is called where a person chooses which come by e-mail. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  action_required: 'Hồ sơ chờ tôi xử lý',
  outcome: 'Kết quả hồ sơ (trả lại, không đạt, được công nhận)',
  due_tomorrow: 'Hồ sơ đến hạn ngày mai',
  overdue: 'Hồ sơ quá hạn',
};

const SUBJECT_PREFIX: Record<NotificationKind, string> = {
  action_required: 'Hồ sơ cần xử lý',
  outcome: 'Kết quả hồ sơ',
  due_tomorrow: 'Sắp đến hạn',
  overdue: 'Quá hạn',
};

const FOOTER =
  '—\nThư gửi tự động từ hệ thống Điển hình, xin đừng trả lời thư này.\n' +
  'Chọn những thông báo nhận qua e-mail tại trang "Tài khoản" sau khi đăng nhập.';

/** The text that leaves: the body, the full link (if any) on its own line, then the footer. */
export const composeText = (body: string, url: string | null): string =>
  `${body}${url ? `\n\n${url}` : ''}\n\n${FOOTER}`;

export interface MailText {
  subject: string;
  body: string;
}

/** One notification as a mail; the worker adds the link to the dossier under the body. */
export function notificationMail(
  displayName: string,
  kind: NotificationKind,
  message: string,
  aboutDossier: boolean,
): MailText {
  return {
    subject: `[Điển hình] ${SUBJECT_PREFIX[kind]}: ${message}`.slice(0, 300),
    body: `Kính gửi ${displayName},\n\n${message}\n\n${aboutDossier ? 'Xem hồ sơ:' : 'Xem thông báo:'}`,
  };
}

/** The day's notifications in one mail (bản tin hằng ngày). */
export function digestMail(
  displayName: string,
  day: Date,
  items: { kind: NotificationKind; message: string; createdAt: string }[],
): MailText {
  const lines = items.map(
    (n) =>
      `• ${vnClock(new Date(n.createdAt))} ${vnShortDate(vnDate(new Date(n.createdAt)))} — ${SUBJECT_PREFIX[n.kind]}: ${n.message}`,
  );
  return {
    subject: `[Điển hình] Bản tin ngày ${vnShortDate(vnDate(day))}: ${items.length} thông báo`,
    body: `Kính gửi ${displayName},\n\nTrong ngày qua có ${items.length} thông báo mới:\n\n${lines.join('\n')}\n\nXem tất cả thông báo:`,
  };
}

/** The forgot-password mail; the worker adds the (single-use) link under the body. */
export function passwordResetMail(displayName: string, username: string, minutes: number): MailText {
  return {
    subject: '[Điển hình] Đặt lại mật khẩu',
    body:
      `Kính gửi ${displayName},\n\n` +
      `Có yêu cầu đặt lại mật khẩu cho tài khoản ${username}. Để đặt mật khẩu mới, mở liên kết dưới đây ` +
      `trong vòng ${minutes} phút; liên kết chỉ dùng được một lần.\n\n` +
      'Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.\n\n' +
      'Đặt mật khẩu mới:',
  };
}
