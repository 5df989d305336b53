/**
 * One CSV field (RFC 4180): quoted when it holds a separator, a quote or a line break. Text that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return: a unit named
 * `=HYPERLINK(…)`) is prefixed with an apostrophe, so it shows as text. Numbers are written as numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralizeFormula(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text that a spreadsheet must show as it is, never evaluate (for CSV and XLSX cells alike). */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A CSV line of fields, without its line end. */
export const csvLine = (cells: (string | number | null)[]): string => cells.map(csvField).join(',');
