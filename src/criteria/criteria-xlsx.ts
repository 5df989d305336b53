import ExcelJS from 'exceljs';
import { UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '../../machines/domain';
import { ValidationError } from '../http/errors';
import { neutralizeFormula } from '../http/csv';
import type { criteriaSetView } from './criteria.service';

/*
 * A criteria set as a workbook people can fill in Excel: sheet "Thông tin" (one field a row: label, value)
 * and sheet "Tiêu chí" (one criterion a row). The same layout is written (template, export) and read.
 */
const INFO: [key: string, label: string][] = [
  ['code', 'Mã bộ tiêu chí'],
  ['version', 'Phiên bản'],
  ['title', 'Tên bộ tiêu chí'],
  ['legalBasis', 'Căn cứ (văn bản ban hành)'],
  ['unitTypes', 'Áp dụng cho loại đơn vị (cách nhau bởi dấu ;)'],
  ['passingScore', 'Điểm đạt'],
];
const COLUMNS = ['Mã', 'Nhóm', 'Nội dung tiêu chí', 'Điểm tối đa', 'Bắt buộc', 'Cần minh chứng', 'Mức đạt'];
const YES = 'Có';
const NO = 'Không';

type SetView = ReturnType<typeof criteriaSetView>;

const invalid = (message: string) => new ValidationError('invalid_xlsx', message);

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v).trim();
};

/** "Xã; Phường" or "commune;ward" → unit types; a name that is neither stays as typed (the schema says). */
function unitTypesFrom(text: string): string[] {
  return text
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(
      (s) => UNIT_TYPES.find((t) => t === s || UNIT_TYPE_LABELS[t].toLowerCase() === s.toLowerCase()) ?? s,
    );
}

const numberOr = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text);
const yesNo = (text: string): boolean | string =>
  text.toLowerCase() === YES.toLowerCase() ? true : text.toLowerCase() === NO.toLowerCase() ? false : text;

/** Reads a workbook in the layout above into the shape the JSON import takes (checked by the same schema). */
export async function readCriteriaXlsx(bytes: Buffer): Promise<unknown> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid('Tệp không phải bảng tính Excel (.xlsx) hợp lệ.');
  }
  const info = book.getWorksheet('Thông tin');
  const items = book.getWorksheet('Tiêu chí');
  if (!info || !items)
    throw invalid('Bảng tính cần hai trang "Thông tin" và "Tiêu chí" (tải tệp mẫu để xem).');
  const fields = new Map<string, string>();
  info.eachRow((row) => {
    const label = cellText(row.getCell(1).value);
    const entry = INFO.find(([, l]) => l === label);
    if (entry) fields.set(entry[0], cellText(row.getCell(2).value));
  });
  const rows: Record<string, unknown>[] = [];
  items.eachRow((row, n) => {
    if (n === 1) return; // the header
    const c = (i: number) => cellText(row.getCell(i).value);
    if (!c(1) && !c(3)) return;
    rows.push({
      code: c(1),
      ...(c(2) ? { groupTitle: c(2) } : {}),
      title: c(3),
      maxPoints: numberOr(c(4)),
      mandatory: yesNo(c(5)),
      evidenceRequired: yesNo(c(6)),
      ...(c(7) ? { metAt: numberOr(c(7)) } : {}),
    });
  });
  return {
    code: fields.get('code') ?? '',
    version: numberOr(fields.get('version') ?? ''),
    title: fields.get('title') ?? '',
    ...(fields.get('legalBasis') ? { legalBasis: fields.get('legalBasis') } : {}),
    unitTypes: unitTypesFrom(fields.get('unitTypes') ?? ''),
    passingScore: numberOr(fields.get('passingScore') ?? ''),
    items: rows,
  };
}

/** A workbook of `set` (or an empty template) in the layout readCriteriaXlsx reads. */
export async function writeCriteriaXlsx(set: SetView | null): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const info = book.addWorksheet('Thông tin');
  info.columns = [{ width: 44 }, { width: 80 }];
  const values: Record<string, string | number> = set
    ? {
        code: set.code,
        version: set.version + 1,
        title: set.title,
        legalBasis: set.legalBasis ?? '',
        unitTypes: set.unitTypes.map((t: UnitType) => UNIT_TYPE_LABELS[t]).join('; '),
        passingScore: set.passingScore,
      }
    : {
        code: '',
        version: 1,
        title: '',
        legalBasis: '',
        unitTypes: 'Xã; Phường; Thị trấn',
        passingScore: '',
      };
  for (const [key, label] of INFO) {
    const v = values[key];
    info.addRow([label, typeof v === 'string' ? neutralizeFormula(v) : v]);
  }
  const sheet = book.addWorksheet('Tiêu chí');
  sheet.columns = [
    { width: 10 },
    { width: 30 },
    { width: 80 },
    { width: 12 },
    { width: 10 },
    { width: 16 },
    { width: 10 },
  ];
  sheet.addRow(COLUMNS).font = { bold: true };
  for (const item of set?.items ?? []) {
    sheet.addRow([
      item.code,
      neutralizeFormula(item.groupTitle ?? ''),
      neutralizeFormula(item.title),
      item.maxPoints,
      item.mandatory ? YES : NO,
      item.evidenceRequired ? YES : NO,
      item.metAt,
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
