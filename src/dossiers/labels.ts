import type { DossierEventType, DossierState } from '../../machines/dossier.machine';

/** Vietnamese names of the dossier states, for messages and documents. */
export const STATE_LABELS: Record<DossierState, string> = {
  nominated: 'Đã đăng ký',
  self_assessment: 'Đơn vị tự đánh giá',
  district_review: 'Cấp huyện thẩm tra',
  provincial_appraisal: 'Cấp tỉnh thẩm định',
  awaiting_decision: 'Chờ quyết định công nhận',
  recognized: 'Đã công nhận',
  award_proposed: 'Đề nghị khen thưởng',
  awarded: 'Đã khen thưởng',
  rejected: 'Không công nhận',
  withdrawn: 'Đã rút hồ sơ',
  revoked: 'Đã thu hồi công nhận',
};

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
  SCORES_SAVED: 'Lưu điểm',
  ATTACHMENT_ADDED: 'Thêm minh chứng',
  ATTACHMENT_REMOVED: 'Gỡ minh chứng',
};

/** Vietnamese names of the unit types (one home: the domain vocabulary). */
export { UNIT_TYPE_LABELS } from '../../machines/domain';
