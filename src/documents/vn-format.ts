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

const WORD_JOINER = '\u2060';
// A document number and symbol such as "15/QĐ-UBND" or "9745/QĐ-BCA-V05".
const NUMBER_AND_SYMBOL = /\d+\/[\p{Lu}\d]+(?:-[\p{Lu}\d]+)*/gu;

/**
 * Text ready for a PDF: composed Unicode (NFC), so each Vietnamese letter is one glyph and extracts back
 * whole; and a word joiner after each "/" and "-" of a document number, so that "15/QĐ-UBND" never breaks
 * across lines (the joiner is invisible and text extraction drops it).
 */
export const nfc = (text: string): string =>
  text.normalize('NFC').replace(NUMBER_AND_SYMBOL, (m) => m.replace(/[/-]/g, (c) => c + WORD_JOINER));
