import type { ProgressReport } from './progress.service';

/** The symbol of a report in its body's register: a district's 138 committee's, or Công an tỉnh's. */
export const reportSymbol = (district: boolean): string => (district ? 'BC-BCĐ' : 'BC-CAT-PV05');

/**
 * Who owes the report (domain.md): the province's goes to the People's Committee through Công an tỉnh;
 * a district's is its own 138 committee's, to the province's committee.
 */
export function issuerOf(r: ProgressReport) {
  const province = r.province.name.replace(/^Tỉnh /, '');
  if (r.districtName) {
    const district = r.districtName;
    return {
      lines: [`UBND ${district.toLocaleUpperCase('vi')}`, 'BAN CHỈ ĐẠO 138'],
      allBold: false,
      symbol: `        /${reportSymbol(true)}`,
      place: district.replace(/^(Huyện|Thành phố|Thị xã) /, ''),
      body: `Ban Chỉ đạo 138 ${district.charAt(0).toLocaleLowerCase('vi')}${district.slice(1)}`,
      to: `Ban Chỉ đạo 138 tỉnh ${province} (qua Công an tỉnh)`,
      recipients: ['- Ban Chỉ đạo 138 tỉnh (qua Công an tỉnh);', `- UBND ${district};`, '- Lưu: VT.'],
      authority: ['TM. BAN CHỈ ĐẠO', 'TRƯỞNG BAN'],
    };
  }
  return {
    lines: r.province.reportingBody?.length
      ? r.province.reportingBody
      : ['BỘ CÔNG AN', `CÔNG AN TỈNH ${province.toLocaleUpperCase('vi')}`],
    allBold: false,
    symbol: `        /${reportSymbol(false)}`,
    place: r.province.shortName,
    body: `Công an tỉnh ${province} (cơ quan thường trực Ban Chỉ đạo 138 tỉnh)`,
    to: `Ủy ban nhân dân tỉnh ${province}`,
    recipients: [
      `- Ủy ban nhân dân tỉnh ${province};`,
      '- Bộ Công an (Cục V05);',
      '- Thành viên Ban Chỉ đạo 138 tỉnh;',
      '- Lưu: VT, PV05.',
    ],
    authority: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  };
}

/** "Kế hoạch số 45/KH-UBND về …": the plan as the text cites it, its period only when it spans years. */
export function planCitation(plan: NonNullable<ProgressReport['plan']>): string {
  const title = plan.title.replace(/^Kế hoạch\s+/iu, '');
  const lowered = `${title.charAt(0).toLocaleLowerCase('vi')}${title.slice(1)}`;
  const span = plan.startYear === plan.endYear ? '' : ` (giai đoạn ${plan.startYear} - ${plan.endYear})`;
  return `${plan.reference ? `Kế hoạch số ${plan.reference}` : 'Kế hoạch'} ${lowered}${span}`;
}
