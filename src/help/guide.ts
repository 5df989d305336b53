import type { Role } from '../../machines/domain';

/** One step of a role's guide: what to do, in order; `picture` names a screenshot in /assets/guide/. */
export interface GuideStep {
  title: string;
  lines: string[];
  picture?: { file: string; alt: string };
}

export interface RoleGuide {
  intro: string;
  steps: GuideStep[];
}

const ACCOUNT_STEP: GuideStep = {
  title: 'Tài khoản, mật khẩu và e-mail',
  lines: [
    'Bấm vào tên của bạn ở đầu trang để mở "Tài khoản của tôi".',
    'Đổi mật khẩu: nhập mật khẩu hiện tại và mật khẩu mới (ít nhất 8 ký tự, có cả chữ và số). Các phiên đăng nhập khác của bạn sẽ kết thúc.',
    'Khai báo e-mail và chọn loại thông báo muốn nhận qua e-mail (gửi ngay hoặc gộp một bản tin mỗi ngày).',
    'Quên mật khẩu: ở trang đăng nhập, bấm "Quên mật khẩu?" và nhập tên đăng nhập hoặc e-mail; liên kết đặt lại có hiệu lực 30 phút, dùng một lần.',
    'Nếu quản trị viên cấp mật khẩu dùng một lần, bạn phải đặt mật khẩu của riêng mình ngay khi đăng nhập.',
  ],
};

/** The user guide, one page per role, in the order the work flows (Hướng dẫn sử dụng). */
export const GUIDES: Record<Role, RoleGuide> = {
  unit_officer: {
    intro:
      'Cán bộ đơn vị lập hồ sơ đề nghị công nhận điển hình, tự chấm điểm, đính kèm minh chứng và nộp lên cấp trên.',
    steps: [
      {
        title: 'Xem việc cần làm',
        lines: [
          'Sau khi đăng nhập, trang "Việc cần xử lý" cho biết hồ sơ của đơn vị đang ở bước nào và hạn của từng bước.',
          'Mục "Thông báo" báo khi hồ sơ bị trả lại, không đạt hoặc được công nhận.',
        ],
        picture: { file: 'unit-inbox.jpg', alt: 'Trang việc cần xử lý của cán bộ đơn vị' },
      },
      {
        title: 'Lập hồ sơ và tự chấm điểm',
        lines: [
          'Ở trang "Việc cần xử lý", bấm "Đăng ký" cho năm của kế hoạch đang mở, rồi "Bắt đầu tự đánh giá". Hồ sơ được cấp một mã (ví dụ TQ-2026-000012) để tra cứu.',
          'Trong bảng tiêu chí, nhập điểm tự chấm cho từng tiêu chí; tổng điểm và kết quả tạm tính hiện ngay bên dưới.',
          'Bấm "Lưu điểm" để lưu; có thể lưu nhiều lần trước khi nộp.',
        ],
        picture: { file: 'unit-self-assessment.jpg', alt: 'Bảng tự chấm điểm với tổng điểm tạm tính' },
      },
      {
        title: 'Đính kèm minh chứng',
        lines: [
          'Ở tiêu chí có ghi "cần minh chứng", bấm "Thêm minh chứng", chọn một hoặc nhiều tệp (PDF, ảnh, văn bản) rồi bấm "Tải lên".',
          'Có thể xem trước tệp PDF ngay trên trang, hoặc gỡ tệp đính kèm nhầm.',
        ],
      },
      {
        title: 'Nộp hồ sơ và lấy phiếu tiếp nhận',
        lines: [
          'Bấm "Nộp hồ sơ". Nếu còn thiếu điểm hoặc minh chứng, hệ thống chỉ rõ tiêu chí còn thiếu.',
          'Sau khi nộp, tải "Phiếu tiếp nhận" (PDF) có mã hồ sơ và thời điểm nộp.',
        ],
      },
      {
        title: 'Khi hồ sơ bị trả lại',
        lines: [
          'Đầu trang hồ sơ ghi lý do trả lại và ghi chú cho từng tiêu chí cần sửa.',
          'Sửa điểm, bổ sung minh chứng rồi nộp lại trước hạn; cấp trên thấy được những gì đã thay đổi kể từ lần trả lại.',
        ],
      },
      ACCOUNT_STEP,
    ],
  },
  district_reviewer: {
    intro:
      'Cán bộ thẩm tra cấp huyện (Ban Chỉ đạo 138 huyện) thẩm tra hồ sơ của các đơn vị trong huyện và đề nghị lên tỉnh.',
    steps: [
      {
        title: 'Nhận hồ sơ cần thẩm tra',
        lines: [
          'Trang "Việc cần xử lý" liệt kê hồ sơ chờ bạn, hồ sơ sắp đến hạn và quá hạn (tính theo ngày làm việc).',
          'Trang "Hồ sơ" lọc theo năm, trạng thái, hạn; tìm theo tên đơn vị không cần gõ dấu, hoặc theo mã hồ sơ. Có thể lưu bộ lọc hay dùng và xuất danh sách ra Excel.',
        ],
        picture: { file: 'appraiser-list.jpg', alt: 'Danh sách hồ sơ với bộ lọc' },
      },
      {
        title: 'Thẩm tra và chấm điểm',
        lines: [
          'Mở hồ sơ, xem minh chứng của từng tiêu chí, nhập điểm thẩm tra và bấm "Lưu điểm".',
          '"Trả lại hồ sơ": nêu lý do (bắt buộc) và ghi chú cho tiêu chí cần sửa; đơn vị nhận thông báo ngay.',
          '"Không công nhận": nêu lý do; hệ thống hỏi lại trước khi ghi nhận vì bước này không hoàn tác được.',
        ],
        picture: { file: 'district-review.jpg', alt: 'Trang thẩm tra hồ sơ của cấp huyện' },
      },
      {
        title: 'Chuyển cấp tỉnh thẩm định',
        lines: [
          'Bấm "Chuyển cấp tỉnh thẩm định" trên trang hồ sơ; hoặc ở "Việc cần xử lý", đánh dấu nhiều hồ sơ đã chấm và chuyển một lần.',
        ],
      },
      ACCOUNT_STEP,
    ],
  },
  provincial_appraiser: {
    intro:
      'Cán bộ thẩm định cấp tỉnh (Ban Chỉ đạo 138 tỉnh) thẩm định hồ sơ do cấp huyện chuyển lên hoặc do đơn vị thuộc tỉnh nộp.',
    steps: [
      {
        title: 'Tìm và mở hồ sơ',
        lines: [
          'Trang "Hồ sơ" tìm theo tên đơn vị (có dấu hoặc không dấu), theo huyện, trạng thái, hạn xử lý.',
        ],
        picture: { file: 'appraiser-list.jpg', alt: 'Danh sách hồ sơ với bộ lọc' },
      },
      {
        title: 'Thẩm định',
        lines: [
          'Nhập điểm thẩm định, xem điểm tự chấm và điểm cấp huyện bên cạnh.',
          '"Đề nghị công nhận" chuyển hồ sơ sang chờ quyết định; "Trả lại hồ sơ" hoặc "Không công nhận" cần nêu lý do.',
        ],
      },
      {
        title: 'Đề nghị khen thưởng',
        lines: [
          'Với đơn vị đã được công nhận, "Đề nghị khen thưởng…" cần số và ngày Tờ trình và tệp báo cáo thành tích của đơn vị.',
          'Sở Nội vụ thẩm định, Hội đồng Thi đua – Khen thưởng xét bằng phiếu kín trước khi dự thảo quyết định khen thưởng.',
        ],
      },
      {
        title: 'Báo cáo',
        lines: [
          'Trang "Báo cáo" cho số liệu 6 tháng, năm, theo huyện; số liệu được tính một lần và dùng chung cho mọi nơi hiển thị.',
        ],
        picture: { file: 'reports.jpg', alt: 'Trang báo cáo tiến độ' },
      },
      ACCOUNT_STEP,
    ],
  },
  internal_affairs_officer: {
    intro:
      'Cán bộ Sở Nội vụ soạn dự thảo quyết định công nhận (hoặc khen thưởng, thu hồi) kèm tờ trình và trình lãnh đạo UBND tỉnh ký.',
    steps: [
      {
        title: 'Soạn dự thảo quyết định',
        lines: [
          'Trang "Quyết định" → "Dự thảo quyết định công nhận" (hoặc khen thưởng, thu hồi): chọn các hồ sơ đã được đề nghị, người ký và căn cứ pháp lý, rồi "Lưu dự thảo".',
          'Xem trước bản PDF theo đúng thể thức Nghị định 30/2020 trước khi trình.',
        ],
        picture: { file: 'decision-new.jpg', alt: 'Trang soạn dự thảo quyết định' },
      },
      {
        title: 'Trình ký',
        lines: [
          'Bấm "Trình ký". Nếu lãnh đạo trả lại, lý do hiện ở đầu trang quyết định; sửa rồi trình lại.',
        ],
      },
      {
        title: 'Thẩm định hồ sơ khen thưởng',
        lines: [
          'Mở hồ sơ "Đề nghị khen thưởng", đọc Tờ trình và báo cáo thành tích, ghi ý kiến thẩm định (và điểm nếu có).',
          'Chỉ hồ sơ đã thẩm định và được Hội đồng biểu quyết thông qua mới đưa được vào dự thảo quyết định khen thưởng.',
        ],
      },
      {
        title: 'Thư ký Hội đồng: phiên họp',
        lines: [
          'Trang "Họp Hội đồng" → "Chuẩn bị phiên họp mới": chọn hồ sơ, thời gian (sau thời gian công khai) và địa điểm.',
          '"Triệu tập và công khai danh sách": danh sách đơn vị được đăng công khai để nhân dân góp ý; xem và ghi nhận cách xử lý từng ý kiến trên trang phiên họp.',
          'Nhập phiếu bằng văn bản của thành viên vắng mặt kèm bản quét phiếu; biên bản họp được lập tự động khi kết thúc.',
        ],
      },
      ACCOUNT_STEP,
    ],
  },
  signer: {
    intro: 'Lãnh đạo UBND tỉnh (Chủ tịch, Phó Chủ tịch) xem và ký số quyết định, hoặc trả lại kèm lý do.',
    steps: [
      {
        title: 'Ký quyết định',
        lines: [
          'Trang "Việc cần xử lý" liệt kê quyết định chờ ký. Mở quyết định, đọc bản PDF và tờ trình.',
          'Bấm "Ký": chữ ký số được gắn vào bản PDF; văn thư sẽ cấp số và ban hành.',
          'Bấm "Trả lại dự thảo" và nêu lý do nếu cần sửa.',
        ],
      },
      {
        title: 'Họp Hội đồng',
        lines: [
          'Trang "Họp Hội đồng": điểm danh khi đến họp; Chủ tịch Hội đồng khai mạc khi đủ số thành viên và đã hết thời gian công khai.',
          'Biểu quyết kín từng hồ sơ: "Đồng ý" hoặc "Không đồng ý". Không ai, kể cả quản trị viên, xem được phiếu của bạn; kết quả hiện khi phiên họp kết thúc.',
        ],
      },
      ACCOUNT_STEP,
    ],
  },
  clerk: {
    intro:
      'Văn thư UBND tỉnh cấp số, đóng dấu và ban hành quyết định đã ký; bản ban hành không bao giờ bị tạo lại.',
    steps: [
      {
        title: 'Ban hành',
        lines: [
          'Mở quyết định đã ký, bấm "Cấp số và ban hành": hệ thống cấp số theo sổ văn bản, đóng dấu và phát hành giấy chứng nhận có mã QR.',
          'Trang "Sổ văn bản" liệt kê mọi văn bản đã ban hành theo số.',
        ],
      },
      ACCOUNT_STEP,
    ],
  },
  admin: {
    intro:
      'Quản trị viên quản lý người dùng, đơn vị, bộ tiêu chí, kế hoạch, ngày nghỉ lễ, Hội đồng và xem nhật ký quản trị.',
    steps: [
      {
        title: 'Người dùng',
        lines: [
          'Trang "Người dùng": tạo tài khoản, chọn đơn vị bằng cách gõ tên (có dấu hoặc không dấu).',
          'Để trống mật khẩu để hệ thống cấp mật khẩu dùng một lần; người dùng phải đổi khi đăng nhập lần đầu.',
          '"Đặt lại mật khẩu" cấp mật khẩu dùng một lần mới và kết thúc mọi phiên đăng nhập của tài khoản; "Khóa" chặn đăng nhập.',
        ],
        picture: { file: 'admin-users.jpg', alt: 'Trang quản lý người dùng' },
      },
      {
        title: 'Đơn vị',
        lines: [
          'Trang "Đơn vị": thêm đơn vị, nhập danh sách từ tệp CSV (dòng lỗi được chỉ rõ, không dòng nào được nhập nửa chừng).',
        ],
        picture: { file: 'admin-units.jpg', alt: 'Trang quản lý đơn vị' },
      },
      {
        title: 'Kế hoạch và ngày nghỉ',
        lines: [
          'Trang "Kế hoạch": các năm của kế hoạch, các mốc hạn (chọn ngày), chỉ tiêu và đơn vị được giao.',
          'Trang "Ngày nghỉ": thêm Tết Nguyên đán, Giỗ Tổ, ngày nghỉ bù; các thời hạn tính theo ngày làm việc sẽ bỏ qua những ngày này.',
        ],
        picture: { file: 'admin-plan.jpg', alt: 'Trang sửa kế hoạch' },
      },
      {
        title: 'Bộ tiêu chí và nhật ký',
        lines: [
          'Trang "Bộ tiêu chí": nhập phiên bản mới, áp dụng phiên bản, đánh dấu bộ chính thức.',
          'Trang "Nhật ký": mọi thay đổi quản trị, ai làm, lúc nào; không sửa, không xóa được.',
        ],
      },
      {
        title: 'Hội đồng',
        lines: [
          'Trang "Hội đồng": thành lập Hội đồng xét khen thưởng (và nếu tỉnh có, Hội đồng xét công nhận), nhiệm kỳ, thành viên và vị trí của từng người.',
          'Quy chế biểu quyết của từng Hội đồng: tỷ lệ có mặt tối thiểu, tỷ lệ phiếu đồng ý và cách tính, biểu quyết bằng văn bản, số ngày công khai, thời hạn lưu thông tin người góp ý.',
        ],
      },
      ACCOUNT_STEP,
    ],
  },
  ministry: {
    intro: 'Bộ Công an (Cục V05) xem tiến độ của mọi tỉnh; tài khoản chỉ xem, không thao tác trên hồ sơ.',
    steps: [
      {
        title: 'Tiến độ toàn quốc',
        lines: [
          'Trang "Toàn quốc" tổng hợp số hồ sơ đăng ký, đã nộp, được công nhận của từng tỉnh theo năm.',
        ],
      },
      ACCOUNT_STEP,
    ],
  },
};
