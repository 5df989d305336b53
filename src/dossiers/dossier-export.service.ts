import ExcelJS from 'exceljs';
import { UNIT_TYPE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { neutralizeFormula } from '../http/csv';
import { vnClock, vnDate } from '../calendar/time';
import { vnShortDate } from '../documents/vn-format';
import { listDossiers } from './dossier-list.service';
import type { ListDossiersQuery } from './dossier.schemas';

/** The most rows one export holds: a province's dossiers of several years, not the whole country's. */
export const EXPORT_LIMIT = 20_000;
const PAGE = 100;

const vnDateTime = (iso: string): string => `${vnShortDate(vnDate(new Date(iso)))} ${vnClock(new Date(iso))}`;

/**
 * The list as the user filtered it (same filters, same jurisdiction, same order), as an Excel workbook:
 * one row per dossier, the filters written above the table so that the file says what it holds.
 */
export async function dossierListXlsx(
  ctx: AppContext,
  user: CurrentUser,
  query: Omit<ListDossiersQuery, 'page' | 'pageSize'>,
  filters: string[],
): Promise<{ bytes: Buffer; rows: number; truncated: boolean }> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Điển hình';
  const sheet = book.addWorksheet('Danh sách hồ sơ');
  sheet.addRow(['Danh sách hồ sơ đề nghị công nhận điển hình']).font = { bold: true, size: 13 };
  sheet.addRow([`Lập lúc ${vnDateTime(ctx.clock().toISOString())}; lọc: ${filters.join('; ') || 'không'}`]);
  sheet.addRow([]);
  const header = [
    'Mã hồ sơ',
    'Đơn vị',
    'Loại',
    'Huyện',
    'Năm',
    'Trạng thái',
    'Hạn xử lý',
    'Quá hạn',
    'Cập nhật',
  ];
  sheet.addRow(header).font = { bold: true };
  [18, 36, 14, 24, 8, 28, 16, 10, 18].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const text = (v: string | null | undefined) => neutralizeFormula(v ?? '');
  let rows = 0;
  let truncated = false;
  for (let page = 1; ; page++) {
    const result = await listDossiers(ctx, user, { ...query, page, pageSize: PAGE });
    for (const d of result.items) {
      if (rows >= EXPORT_LIMIT) break;
      sheet.addRow([
        text(d.code),
        text(d.unit?.name),
        d.unit ? UNIT_TYPE_LABELS[d.unit.type] : '',
        text(d.unit?.districtName),
        d.year,
        d.stateLabel,
        d.dueAt ? vnDateTime(d.dueAt).slice(0, 10) : '',
        d.overdue ? 'Quá hạn' : '',
        vnDateTime(d.updatedAt),
      ]);
      rows += 1;
    }
    truncated = result.total > EXPORT_LIMIT;
    if (rows >= EXPORT_LIMIT || page * PAGE >= result.total) break;
  }
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: header.length } };
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), rows, truncated };
}
