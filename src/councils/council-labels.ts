import type { CouncilPosition, CouncilPurpose } from '../../entities/council.entity';

export const PURPOSE_LABELS: Record<CouncilPurpose, string> = {
  award: 'Xét khen thưởng (Bằng khen của Chủ tịch UBND tỉnh)',
  recognition: 'Xét công nhận đơn vị điển hình',
};

/** The part printed in the minutes and on the attendance sheet. */
export const POSITION_LABELS: Record<CouncilPosition, string> = {
  chair: 'Chủ tịch Hội đồng',
  vice_chair: 'Phó Chủ tịch Hội đồng',
  secretary: 'Thư ký Hội đồng',
  member: 'Ủy viên',
};

/** How the rule reads in a sentence: "ít nhất 90 % tổng số thành viên". */
export function thresholdText(rule: {
  thresholdPercent: number;
  denominator: 'members' | 'votes_cast';
  comparison: 'at_least' | 'more_than';
}): string {
  const how = rule.comparison === 'at_least' ? 'ít nhất' : 'trên';
  const of = rule.denominator === 'members' ? 'tổng số thành viên Hội đồng' : 'số phiếu biểu quyết';
  return `${how} ${rule.thresholdPercent}% ${of}`;
}
