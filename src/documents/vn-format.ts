/** "ngày 15 tháng 10 năm 2025" for a YYYY-MM-DD date (Nghị định 30: days below 10 and months 1–2 take a leading zero). */
export function vnLongDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const dd = d < 10 ? `0${d}` : String(d);
  // Nghị định 30/2020: months 1 and 2 are written with a leading zero ("tháng 01", "tháng 02").
  const mm = m < 3 ? `0${m}` : String(m);
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}

/** "15/10/2025" for a YYYY-MM-DD date. */
export function vnShortDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** Text ready for a PDF: composed Unicode (NFC), so each Vietnamese letter is one glyph and extracts back whole. */
export const nfc = (text: string): string => text.normalize('NFC');
