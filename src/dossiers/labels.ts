import type { DossierEventType } from '../../machines/dossier.machine';

/** Vietnamese names of the events, for buttons and history. */
export const EVENT_LABELS: Record<
  DossierEventType | 'CREATE' | 'SCORES_SAVED' | 'ATTACHMENT_ADDED' | 'ATTACHMENT_REMOVED',
  string
> = {
  CREATE: 'Đăng ký xây dựng điển hình',
  START: 'Bắt đầu tự đánh giá',
  SUBMIT: 'Nộp hồ sơ',
  WITHDRAW: 'Rút hồ sơ',
  RETURN: 'Trả lại hồ sơ',
  FORWARD: 'Chuyển cấp tỉnh thẩm định',
  PASS: 'Đề nghị công nhận',
  REJECT: 'Không công nhận',
  PROPOSE_AWARD: 'Đề nghị khen thưởng',
  REVOKE: 'Thu hồi công nhận',
  RECOGNIZE: 'Quyết định công nhận',
  AWARD: 'Quyết định khen thưởng',
  EXTEND_DEADLINE: 'Gia hạn nộp hồ sơ',
  SAVE_SCORES: 'Lưu điểm',
  CHANGE_EVIDENCE: 'Thay đổi minh chứng',
  APPRAISE_AWARD: 'Thẩm định hồ sơ khen thưởng',
  SCORES_SAVED: 'Lưu điểm',
  ATTACHMENT_ADDED: 'Thêm minh chứng',
  ATTACHMENT_REMOVED: 'Gỡ minh chứng',
};

/** Vietnamese names of the unit types (one home: the domain vocabulary). */
export { UNIT_TYPE_LABELS } from '../../machines/domain';
