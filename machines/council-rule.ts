/**
 * How a council (Hội đồng Thi đua – Khen thưởng, or the 138 committee appraising in a meeting) decides:
 * configuration per council and award form, never constants in code. Pure arithmetic on the tally.
 */
export interface CouncilRule {
  /** Members who must be present (in person) for the meeting to open, in % of all members. */
  quorumPercent: number;
  /** Whether members absent from the meeting may vote in writing (phiếu bằng văn bản). */
  writtenVotesAllowed: boolean;
  /** The share of "đồng ý" votes a dossier needs, in %. */
  thresholdPercent: number;
  /** What the share is of: all the council's members, or the votes cast. */
  denominator: 'members' | 'votes_cast';
  /** `at_least`: ≥ the threshold ("ít nhất 90 %"); `more_than`: > it ("quá nửa"). */
  comparison: 'at_least' | 'more_than';
}

/** Documented defaults: quorum two thirds; approval by more than half of all members; written votes allowed. */
export const DEFAULT_COUNCIL_RULE: CouncilRule = {
  quorumPercent: 67,
  writtenVotesAllowed: true,
  thresholdPercent: 50,
  denominator: 'members',
  comparison: 'more_than',
};

export interface Tally {
  yes: number;
  no: number;
}

/** Whether the members present reach the quorum (exact integer arithmetic, no rounding). */
export function hasQuorum(rule: CouncilRule, present: number, members: number): boolean {
  return members > 0 && present * 100 >= rule.quorumPercent * members;
}

/** Whether a dossier is approved: its "đồng ý" votes against the rule's share of its denominator. */
export function isApproved(rule: CouncilRule, tally: Tally, members: number): boolean {
  const base = rule.denominator === 'members' ? members : tally.yes + tally.no;
  if (base <= 0) return false;
  const yes = tally.yes * 100;
  const needed = rule.thresholdPercent * base;
  return rule.comparison === 'at_least' ? yes >= needed : yes > needed;
}
