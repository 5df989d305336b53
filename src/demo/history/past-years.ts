/** How a unit's year ended: recognized (after a return, for `returned`), rejected at a stage, or withdrawn. */
export type Outcome = 'recognized' | 'returned' | 'rejected_district' | 'rejected_province' | 'withdrawn';

export interface Participant {
  /** The unit's officer (demo account), who registers and assesses. */
  officer: string;
  /** The district reviewer; null for a unit the province manages (no district stage). */
  reviewer: string | null;
  outcome: Outcome;
  /** For `returned`: the criterion the reviewer asks to complete. */
  returnCriterion?: string;
}

export interface PastYear {
  year: number;
  /** The number of Sở Nội vụ's proposal (Tờ trình) for the year's recognition decision. */
  proposalNo: number;
  participants: Participant[];
  /** Recognitions of earlier years revoked in April (`officer:year`). */
  revokes?: { key: string; reason: string }[];
  /** The officer whose recognized unit is proposed for an award that year. */
  awarded?: string;
}

const unit = (
  officer: string,
  reviewer: string | null,
  outcome: Outcome = 'recognized',
  returnCriterion?: string,
): Participant => ({ officer, reviewer, outcome, ...(returnCriterion ? { returnCriterion } : {}) });

/**
 * The plan's years as the demo tells them: 2023 is the year of the ten communes seed 003 names (nine
 * recognized, Hùng Lợi rejected by its district), 2024 revokes Tri Phú and covers the year's new-rural
 * communes, a ward, a town and the blocks, 2025 recognizes Hùng Lợi at last and awards Thượng Nông.
 */
export const PAST_YEARS: PastYear[] = [
  {
    year: 2023,
    proposalNo: 112,
    participants: [
      unit('thuongnong', 'nahang'),
      unit('linhphu', 'chiemhoa'),
      unit('triphu', 'chiemhoa'),
      unit('trungminh', 'yenson'),
      unit('hungloi', 'yenson', 'rejected_district'),
      unit('minhhuong', 'hamyen'),
      unit('yenlam', 'hamyen', 'returned', 'XA-07'),
      unit('yenphu', 'hamyen'),
      unit('tanthanh', 'hamyen'),
      unit('dongtho', 'sonduong', 'returned', 'XA-03'),
      unit('thuonglam', 'lambinh'),
      unit('tuthinh', 'sonduong'),
      unit('thptchuyen', null),
      unit('sotuphap', null, 'withdrawn'),
    ],
  },
  {
    year: 2024,
    proposalNo: 98,
    revokes: [
      {
        key: 'triphu:2023',
        reason:
          'Năm 2024 trên địa bàn xã xảy ra hoạt động tuyên truyền, tụ tập trái phép; xã không còn đáp ứng tiêu chí điển hình.',
      },
    ],
    participants: [
      unit('langcan', 'lambinh'),
      unit('tuthinh', 'sonduong', 'returned', 'XA-09'),
      unit('phanthiet', 'tptuyenquang'),
      unit('ttnahang', 'nahang'),
      unit('sotuphap', null),
      unit('cdnghe', null),
      unit('ximang', null, 'rejected_province'),
    ],
  },
  {
    year: 2025,
    proposalNo: 105,
    awarded: 'thuongnong',
    participants: [
      unit('thuongnong', 'nahang'),
      unit('hungloi', 'yenson', 'returned', 'XA-01'),
      unit('phucthinh', 'chiemhoa'),
      unit('thangquan', 'yenson'),
      unit('minhxuan', 'tptuyenquang'),
      unit('ttsonduong', 'sonduong'),
      unit('ximang', null, 'returned', 'CQ-03'),
      unit('thptchuyen', null),
    ],
  },
];
