import { vnDate } from '../calendar/time';
import { vnShortDate } from '../documents/vn-format';
import { csvLine } from '../http/csv';
import type { ProgressReport } from './progress.service';

const line = csvLine;

/**
 * The progress report as CSV: UTF-8 with a byte-order mark so that Excel shows Vietnamese letters, CRLF
 * line ends, three tables one after the other (districts × unit types, targets, named units).
 */
export function progressCsv(r: ProgressReport): string {
  const lines = [
    line([
      `Tiến độ xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${r.year} - ${r.province.name}`,
    ]),
    line([`Số liệu tính đến ngày ${vnShortDate(vnDate(new Date(r.asOf)))}`]),
    '',
    line([
      'Huyện/khối',
      'Loại đơn vị',
      'Số đơn vị',
      'Đăng ký',
      'Đã nộp hồ sơ',
      'Được công nhận',
      'Chỉ tiêu',
      'Tỷ lệ đạt (%)',
      'Còn thiếu',
    ]),
    ...r.rows.map((x) =>
      line([
        x.districtName,
        x.unitTypeLabel,
        x.units,
        x.registered,
        x.submitted,
        x.recognized,
        x.target,
        x.percentReached,
        x.gap,
      ]),
    ),
    line([
      'Tổng cộng',
      '',
      r.totals.units,
      r.totals.registered,
      r.totals.submitted,
      r.totals.recognized,
      r.totals.target,
      null,
      r.totals.gap,
    ]),
    '',
    line([
      'Chỉ tiêu kế hoạch',
      'Phạm vi',
      'Đơn vị thuộc diện',
      'Cần đạt',
      'Đã đạt',
      'Tỷ lệ đạt (%)',
      'Còn thiếu',
      'Kết quả',
    ]),
    ...r.targets.flatMap((t) => [
      line([
        t.label,
        t.cumulative ? 'Cả giai đoạn' : `Năm ${r.year}`,
        t.eligible,
        t.required,
        t.achieved,
        t.percentReached,
        t.gap,
        t.verdict,
      ]),
      ...(t.groups.length > 1
        ? t.groups.map((g) =>
            line([`  - ${g.name}`, '', g.eligible, g.required, g.achieved, null, g.gap, g.verdict]),
          )
        : []),
    ]),
    '',
    line(['Đơn vị được kế hoạch giao', 'Huyện', 'Trạng thái hồ sơ', 'Được công nhận']),
    ...r.namedUnits.map((n) =>
      line([n.unitName, n.districtName, n.stateLabel, n.recognized ? 'Có' : 'Chưa']),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
