import type { ManagedBy, UnitType } from '../../machines/domain';

export interface DemoUnit {
  code: string;
  name: string;
  type: UnitType;
  district: string | null;
  managedBy: ManagedBy;
  tags?: string[];
  block?: string;
  /** Username of the demo unit officer. */
  officer?: string;
}

/** The seven district-level units of Tuyên Quang (before the 2025 reform). */
export const DEMO_DISTRICTS = [
  { code: 'NH', name: 'Huyện Na Hang', reviewer: 'nahang' },
  { code: 'LB', name: 'Huyện Lâm Bình', reviewer: 'lambinh' },
  { code: 'CH', name: 'Huyện Chiêm Hóa', reviewer: 'chiemhoa' },
  { code: 'HY', name: 'Huyện Hàm Yên', reviewer: 'hamyen' },
  { code: 'YS', name: 'Huyện Yên Sơn', reviewer: 'yenson' },
  { code: 'SD', name: 'Huyện Sơn Dương', reviewer: 'sonduong' },
  { code: 'TP', name: 'Thành phố Tuyên Quang', reviewer: 'tptuyenquang' },
] as const;

const DVM = ['duong_van_minh']; // communes once affected by "Dương Văn Mình" (seed 003, 2023 target)

/** Units of the demo province: the ten communes of seed 003 and more of every type. */
export const DEMO_UNITS: DemoUnit[] = [
  { code: 'NH-THUONGNONG', name: 'Xã Thượng Nông', type: 'commune', district: 'NH', managedBy: 'district', tags: DVM, officer: 'thuongnong' },
  { code: 'CH-LINHPHU', name: 'Xã Linh Phú', type: 'commune', district: 'CH', managedBy: 'district', tags: DVM, officer: 'linhphu' },
  { code: 'CH-TRIPHU', name: 'Xã Tri Phú', type: 'commune', district: 'CH', managedBy: 'district', tags: DVM, officer: 'triphu' },
  { code: 'YS-TRUNGMINH', name: 'Xã Trung Minh', type: 'commune', district: 'YS', managedBy: 'district', tags: DVM, officer: 'trungminh' },
  { code: 'YS-HUNGLOI', name: 'Xã Hùng Lợi', type: 'commune', district: 'YS', managedBy: 'district', tags: DVM, officer: 'hungloi' },
  { code: 'HY-MINHHUONG', name: 'Xã Minh Hương', type: 'commune', district: 'HY', managedBy: 'district', tags: DVM, officer: 'minhhuong' },
  { code: 'HY-YENLAM', name: 'Xã Yên Lâm', type: 'commune', district: 'HY', managedBy: 'district', tags: DVM, officer: 'yenlam' },
  { code: 'HY-YENPHU', name: 'Xã Yên Phú', type: 'commune', district: 'HY', managedBy: 'district', tags: DVM, officer: 'yenphu' },
  { code: 'HY-TANTHANH', name: 'Xã Tân Thành', type: 'commune', district: 'HY', managedBy: 'district', tags: DVM, officer: 'tanthanh' },
  { code: 'SD-DONGTHO', name: 'Xã Đông Thọ', type: 'commune', district: 'SD', managedBy: 'district', tags: DVM, officer: 'dongtho' },
  { code: 'NH-NANGKHA', name: 'Xã Năng Khả', type: 'commune', district: 'NH', managedBy: 'district', tags: ['ntm', 'ntm_nang_cao'] },
  { code: 'NH-TTNAHANG', name: 'Thị trấn Na Hang', type: 'town', district: 'NH', managedBy: 'district' },
  { code: 'LB-THUONGLAM', name: 'Xã Thượng Lâm', type: 'commune', district: 'LB', managedBy: 'district', tags: ['ntm', 'ntm_nang_cao'] },
  { code: 'LB-LANGCAN', name: 'Xã Lăng Can', type: 'commune', district: 'LB', managedBy: 'district', tags: ['ntm'] },
  { code: 'CH-PHUCTHINH', name: 'Xã Phúc Thịnh', type: 'commune', district: 'CH', managedBy: 'district', tags: ['ntm'] },
  { code: 'CH-TTVINHLOC', name: 'Thị trấn Vĩnh Lộc', type: 'town', district: 'CH', managedBy: 'district' },
  { code: 'HY-TTTANYEN', name: 'Thị trấn Tân Yên', type: 'town', district: 'HY', managedBy: 'district' },
  { code: 'YS-THANGQUAN', name: 'Xã Thắng Quân', type: 'commune', district: 'YS', managedBy: 'district', tags: ['ntm', 'ntm_nang_cao'] },
  { code: 'YS-TTYENSON', name: 'Thị trấn Yên Sơn', type: 'town', district: 'YS', managedBy: 'district' },
  { code: 'SD-TUTHINH', name: 'Xã Tú Thịnh', type: 'commune', district: 'SD', managedBy: 'district', tags: ['ntm', 'ntm_nang_cao'] },
  { code: 'SD-TTSONDUONG', name: 'Thị trấn Sơn Dương', type: 'town', district: 'SD', managedBy: 'district' },
  { code: 'TP-PHANTHIET', name: 'Phường Phan Thiết', type: 'ward', district: 'TP', managedBy: 'district', tags: ['an_toan_antt'] },
  { code: 'TP-MINHXUAN', name: 'Phường Minh Xuân', type: 'ward', district: 'TP', managedBy: 'district' },
  { code: 'TP-TANQUANG', name: 'Phường Tân Quang', type: 'ward', district: 'TP', managedBy: 'district' },
  { code: 'TP-YLA', name: 'Phường Ỷ La', type: 'ward', district: 'TP', managedBy: 'district' },
  { code: 'TP-NONGTIEN', name: 'Phường Nông Tiến', type: 'ward', district: 'TP', managedBy: 'district' },
  { code: 'TP-TRANGDA', name: 'Xã Tràng Đà', type: 'commune', district: 'TP', managedBy: 'district', tags: ['ntm', 'ntm_nang_cao'] },
  { code: 'NH-THPTNAHANG', name: 'Trường THPT Na Hang', type: 'school', district: 'NH', managedBy: 'district' },
  { code: 'HY-LAMNGHIEP', name: 'Công ty TNHH MTV Lâm nghiệp Tân Thành', type: 'enterprise', district: 'HY', managedBy: 'district' },
  { code: 'T-THPTCHUYEN', name: 'Trường THPT Chuyên Tuyên Quang', type: 'school', district: 'TP', managedBy: 'province', block: 'Khối cơ sở giáo dục', officer: 'thptchuyen' },
  { code: 'T-CDNGHE', name: 'Trường Cao đẳng Nghề kỹ thuật Tuyên Quang', type: 'school', district: 'TP', managedBy: 'province', block: 'Khối cơ sở giáo dục' },
  { code: 'T-SOTUPHAP', name: 'Sở Tư pháp tỉnh Tuyên Quang', type: 'agency', district: 'TP', managedBy: 'province', block: 'Khối cơ quan' },
  { code: 'T-KHOBAC', name: 'Kho bạc Nhà nước Tuyên Quang', type: 'agency', district: 'TP', managedBy: 'province', block: 'Khối cơ quan' },
  { code: 'T-XIMANG', name: 'Công ty Cổ phần Xi măng Tân Quang', type: 'enterprise', district: 'YS', managedBy: 'province', block: 'Khối doanh nghiệp' },
  { code: 'T-DIENLUC', name: 'Công ty Điện lực Tuyên Quang', type: 'enterprise', district: 'TP', managedBy: 'province', block: 'Khối doanh nghiệp' },
];
