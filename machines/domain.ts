// Domain vocabulary shared by the machines, the entities and the services. Pure data, no I/O.

export const ROLES = [
  'unit_officer',
  'district_reviewer',
  'provincial_appraiser',
  'internal_affairs_officer',
  'signer',
  'clerk',
  'admin',
  // The Ministry's movement-building department (Cục V05, Bộ Công an): reads every province, acts on none.
  'ministry',
] as const;
export type Role = (typeof ROLES)[number];

/** xã / phường / thị trấn / đặc khu are commune-level; the rest are agencies, enterprises, schools. */
export const UNIT_TYPES = [
  'commune',
  'ward',
  'town',
  'special_zone',
  'agency',
  'enterprise',
  'school',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const COMMUNE_LEVEL_TYPES: readonly UnitType[] = ['commune', 'ward', 'town', 'special_zone'];

export const MANAGED_BY = ['district', 'province'] as const;
export type ManagedBy = (typeof MANAGED_BY)[number];
export const MANAGED_BY_LABELS: Record<ManagedBy, string> = {
  district: 'Huyện quản lý',
  province: 'Tỉnh quản lý',
};

/** Who scored: the unit itself, the district 138 committee, the provincial 138 standing office. */
export const SCORE_STAGES = ['self', 'district', 'provincial'] as const;
export type ScoreStage = (typeof SCORE_STAGES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  unit_officer: 'Cán bộ đơn vị',
  district_reviewer: 'Cán bộ thẩm tra cấp huyện',
  provincial_appraiser: 'Cán bộ thẩm định cấp tỉnh',
  internal_affairs_officer: 'Cán bộ Sở Nội vụ',
  signer: 'Lãnh đạo UBND tỉnh (người ký)',
  clerk: 'Văn thư UBND tỉnh',
  admin: 'Quản trị hệ thống',
  ministry: 'Bộ Công an (Cục V05, chỉ xem)',
};

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  commune: 'Xã',
  ward: 'Phường',
  town: 'Thị trấn',
  special_zone: 'Đặc khu',
  agency: 'Cơ quan',
  enterprise: 'Doanh nghiệp',
  school: 'Cơ sở giáo dục',
};
