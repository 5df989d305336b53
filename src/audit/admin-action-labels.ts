/** What each administrative action is called in the record a person reads (Nhật ký quản trị). */
export const ADMIN_ACTION_LABELS: Record<string, string> = {
  'user.created': 'Tạo tài khoản',
  'user.locked': 'Khóa tài khoản',
  'user.unlocked': 'Mở khóa tài khoản',
  'user.role_changed': 'Đổi vai trò, phạm vi',
  'user.password_reset': 'Cấp mật khẩu dùng một lần',
  'user.password_changed': 'Tự đổi mật khẩu',
  'user.password_reset_by_link': 'Đặt lại mật khẩu qua e-mail',
  'unit.created': 'Tạo đơn vị',
  'unit.updated': 'Sửa đơn vị',
  'unit.imported': 'Nhập danh sách đơn vị',
  'criteria.imported': 'Nhập bộ tiêu chí',
  'criteria.imported_activated': 'Nhập và áp dụng bộ tiêu chí',
  'criteria.activated': 'Áp dụng phiên bản bộ tiêu chí',
  'criteria.marked_official': 'Đánh dấu bộ tiêu chí chính thức',
  'criteria.unmarked_official': 'Bỏ đánh dấu bộ tiêu chí chính thức',
  'plan.created': 'Tạo kế hoạch',
  'plan.updated': 'Sửa kế hoạch',
  'holiday.added': 'Thêm ngày nghỉ',
  'holiday.removed': 'Bỏ ngày nghỉ',
  'holiday.list_replaced': 'Thay danh sách ngày nghỉ',
  'legal_bases.updated': 'Sửa căn cứ pháp lý',
  'decision_authority.updated': 'Sửa thẩm quyền ký quyết định',
  'council.saved': 'Lưu Hội đồng và quy chế biểu quyết',
  'council.member_added': 'Thêm thành viên Hội đồng',
  'council.member_removed': 'Bỏ thành viên Hội đồng',
};

/** The label of an action; an action this release does not know keeps its code (never hidden). */
export const adminActionLabel = (action: string): string => ADMIN_ACTION_LABELS[action] ?? action;
