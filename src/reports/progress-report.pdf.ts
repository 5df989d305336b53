import type { ProgressReport } from './progress.service';
import { issuerOf, planCitation } from './report-issuer';

export { reportSymbol } from './report-issuer';
import { CHART, chartBars, chartMax } from './progress-chart';
import {
  closingBlock,
  createDoc,
  draftMark,
  nationalHeader,
  numberPages,
  roomLeft,
  table,
  toBuffer,
  write,
  type Doc,
} from '../documents/pdf-layout';
import { nfc, vnLongDate, vnShortDate } from '../documents/vn-format';

/** The parts of a report its author writes (domain.md): assessment, next period's tasks, proposals. */
export interface ReportParts {
  strengths: string;
  shortcomings: string;
  causes: string;
  nextTasks: string;
  proposals: string;
}

export interface ProgressReportDocument {
  report: ProgressReport;
  period: 'six_month' | 'annual';
  /** The report's date (YYYY-MM-DD). */
  date: string;
  /** An issued report's number in its body's register ("05/BC-CAT-PV05"); blank before. */
  numberText?: string | null;
  parts?: ReportParts;
  /** The signer's position (printed under the authority line) and name. */
  signer?: { name: string; position: string } | null;
  /** A draft: marked "DỰ THẢO". */
  draft?: boolean;
}

const MOVEMENT =
  'xây dựng, nhân rộng xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc';

/** The day the figures are taken at, in Vietnam. */
const cutoffDay = (r: ProgressReport): string =>
  new Date(new Date(r.period.cutoff).getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);

const periodText = (d: ProgressReportDocument): string =>
  d.period === 'six_month' ? `6 tháng đầu năm ${d.report.year}` : `năm ${d.report.year}`;

const n = (v: number | null): string => (v === null ? '—' : String(v));
const pct = (v: number | null): string => (v === null ? '—' : `${String(v).replace('.', ',')}%`);

/** A section heading, never alone at the foot of a page: it moves with the first lines under it. */
function heading(doc: Doc, text: string): void {
  doc.moveDown(0.4);
  if (roomLeft(doc) < 90) doc.addPage();
  write(doc, text, { font: 'bold', size: 13, gap: 0.2 });
}

function usableWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function rowsTable(doc: Doc, r: ProgressReport): void {
  const w = usableWidth(doc);
  const num = 44;
  table(
    doc,
    [
      { header: 'Huyện, khối', width: w - 62 - num * 7 },
      { header: 'Loại', width: 62 },
      { header: 'Số ĐV', width: num, align: 'center' },
      { header: 'Đăng ký', width: num, align: 'center' },
      { header: 'Đã nộp', width: num, align: 'center' },
      { header: 'Công nhận', width: num, align: 'center' },
      { header: 'Chỉ tiêu', width: num, align: 'center' },
      { header: 'Tỷ lệ', width: num, align: 'center' },
      { header: 'Còn thiếu', width: num, align: 'center' },
    ],
    [
      ...r.rows.map((x) => [
        x.districtName,
        x.unitTypeLabel,
        n(x.units),
        n(x.registered),
        n(x.submitted),
        n(x.recognized),
        n(x.target),
        pct(x.percentReached),
        n(x.gap),
      ]),
      [
        'Tổng cộng',
        '',
        ...[
          r.totals.units,
          r.totals.registered,
          r.totals.submitted,
          r.totals.recognized,
          r.totals.target,
        ].map(n),
        '',
        n(r.totals.gap),
      ],
    ],
    9.5,
  );
}

function targetsTable(doc: Doc, r: ProgressReport): void {
  const w = usableWidth(doc);
  const num = 46;
  const rows = r.targets.flatMap((t, i) => [
    [
      String(i + 1),
      `${t.label}${t.cumulative ? ' (cả giai đoạn)' : ''}`,
      n(t.eligible),
      n(t.required),
      n(t.achieved),
      n(t.gap),
      t.verdict,
    ],
    ...(t.groups.length > 1
      ? t.groups.map((g) => [
          '',
          `- ${g.name}`,
          n(g.eligible),
          n(g.required),
          n(g.achieved),
          n(g.gap),
          g.verdict,
        ])
      : []),
  ]);
  table(
    doc,
    [
      { header: 'STT', width: 30, align: 'center' },
      { header: 'Chỉ tiêu', width: w - 30 - num * 4 - 56 },
      { header: 'Thuộc diện', width: num, align: 'center' },
      { header: 'Cần đạt', width: num, align: 'center' },
      { header: 'Đã đạt', width: num, align: 'center' },
      { header: 'Còn thiếu', width: num, align: 'center' },
      { header: 'Kết quả', width: 56, align: 'center' },
    ],
    rows,
    9.5,
  );
}

/** The chart of recognized units against the target per district, the same geometry as the SVG. */
function chart(doc: Doc, r: ProgressReport): void {
  const bars = chartBars(r);
  const x0 = doc.page.margins.left;
  const w = usableWidth(doc);
  const labelWidth = 150;
  const rowHeight = 24;
  const barHeight = 8;
  if (doc.y + bars.length * rowHeight + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  write(doc, `Biểu đồ: số đơn vị được công nhận so với chỉ tiêu năm ${r.year}`, {
    font: 'italic',
    size: 11,
    gap: 0.3,
  });
  const scale = (w - labelWidth - CHART.right) / chartMax(bars);
  const top = doc.y;
  bars.forEach((b, i) => {
    const y = top + i * rowHeight;
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor('#000000')
      .text(nfc(b.label), x0, y + 2, { width: labelWidth - 6 });
    doc.rect(x0 + labelWidth, y, Math.max(b.target * scale, 0.5), barHeight).fill('#c9d3df');
    doc
      .rect(x0 + labelWidth, y + barHeight + 2, Math.max(b.recognized * scale, 0.5), barHeight)
      .fill('#1f6f43');
    doc.fillColor('#000000').fontSize(8.5);
    doc.text(String(b.target), x0 + labelWidth + b.target * scale + 4, y - 1, { lineBreak: false });
    doc.text(String(b.recognized), x0 + labelWidth + b.recognized * scale + 4, y + barHeight + 1, {
      lineBreak: false,
    });
  });
  doc.x = x0;
  doc.y = top + bars.length * rowHeight + 4;
  doc.rect(x0 + labelWidth, doc.y, 8, 8).fill('#c9d3df');
  doc
    .fillColor('#000000')
    .font('regular')
    .fontSize(9)
    .text(nfc('Chỉ tiêu'), x0 + labelWidth + 12, doc.y - 1, { lineBreak: false });
  doc.rect(x0 + labelWidth + 80, doc.y + 1, 8, 8).fill('#1f6f43');
  doc.fillColor('#000000').text(nfc('Được công nhận'), x0 + labelWidth + 92, doc.y, { lineBreak: false });
  doc.x = x0;
  doc.y += 16;
}

function closing(doc: Doc, issuer: ReturnType<typeof issuerOf>, d: ProgressReportDocument): void {
  const position = d.signer?.position.trim().toLocaleUpperCase('vi');
  // A position other than the body's head signs on its behalf ("KT." / "TM." as the body's line says).
  const authority = position ? [issuer.authority[0], position] : issuer.authority;
  closingBlock(doc, {
    recipients: issuer.recipients,
    authority,
    ...(d.signer?.name ? { signerName: d.signer.name } : {}),
  });
}

/** Paragraphs the author wrote, one per line, each indented. */
function paragraphs(doc: Doc, text: string): void {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) write(doc, '(chưa có nội dung)', { font: 'italic', size: 12, indent: 28 });
  for (const line of lines) write(doc, line, { size: 13, align: 'justify', indent: 28 });
}

/** The author's parts: assessment, tasks for the next period, proposals. */
function authorParts(doc: Doc, parts: ReportParts, next: string): void {
  heading(doc, 'V. ĐÁNH GIÁ CHUNG');
  write(doc, '1. Ưu điểm', { font: 'bold', size: 13, indent: 28 });
  paragraphs(doc, parts.strengths);
  write(doc, '2. Tồn tại, hạn chế', { font: 'bold', size: 13, indent: 28 });
  paragraphs(doc, parts.shortcomings);
  write(doc, '3. Nguyên nhân', { font: 'bold', size: 13, indent: 28 });
  paragraphs(doc, parts.causes);
  heading(doc, `VI. NHIỆM VỤ TRỌNG TÂM ${next}`);
  paragraphs(doc, parts.nextTasks);
  heading(doc, 'VII. ĐỀ XUẤT, KIẾN NGHỊ');
  paragraphs(doc, parts.proposals);
}

/** The 6-month or annual report (báo cáo) on the plan's progress, in the administrative layout. */
export async function renderProgressReportPdf(d: ProgressReportDocument): Promise<Buffer> {
  const r = d.report;
  const issuer = issuerOf(r);
  const doc = createDoc({
    title: `Báo cáo kết quả ${periodText(d)} - ${r.districtName ?? r.province.name}`,
    date: d.date,
  });
  if (d.draft) draftMark(doc);
  nationalHeader(doc, {
    issuer: issuer.lines,
    issuerAllBold: issuer.allBold,
    numberText: d.numberText ?? issuer.symbol,
    placeAndDate: `${issuer.place}, ${vnLongDate(d.date)}`,
  });
  write(doc, 'BÁO CÁO', { font: 'bold', size: 14, align: 'center' });
  write(doc, `Kết quả ${MOVEMENT} ${periodText(d)}`, { font: 'bold', size: 13, align: 'center', gap: 0.6 });
  write(doc, `Kính gửi: ${issuer.to}.`, {
    size: 13,
    align: 'center',
    gap: 0.6,
  });
  const reports = `${issuer.body} báo cáo kết quả ${periodText(d)} như sau (số liệu tính đến ngày ${vnShortDate(cutoffDay(r))}):`;
  const basis = r.plan ? `Thực hiện ${planCitation(r.plan)}, ${reports}` : reports;
  write(doc, basis, { size: 13, align: 'justify', indent: 28, gap: 0.3 });
  heading(doc, 'I. KẾT QUẢ CHUNG');
  write(doc, r.summary, { size: 13, align: 'justify', indent: 28 });
  heading(doc, 'II. KẾT QUẢ THEO HUYỆN, THÀNH PHỐ VÀ LOẠI ĐƠN VỊ');
  rowsTable(doc, r);
  doc.moveDown(0.6);
  chart(doc, r);
  heading(doc, 'III. THỰC HIỆN CHỈ TIÊU KẾ HOẠCH');
  if (r.targets.length) targetsTable(doc, r);
  else write(doc, 'Kế hoạch năm chưa đặt chỉ tiêu.', { size: 12, indent: 28 });
  if (r.namedUnits.length) {
    heading(doc, 'IV. CÁC ĐƠN VỊ ĐƯỢC KẾ HOẠCH GIAO');
    const w = usableWidth(doc);
    table(
      doc,
      [
        { header: 'STT', width: 30, align: 'center' },
        { header: 'Đơn vị', width: w - 30 - 130 - 150 },
        { header: 'Huyện, thành phố', width: 130 },
        { header: 'Trạng thái hồ sơ', width: 150 },
      ],
      r.namedUnits.map((u, i) => [String(i + 1), u.unitName, u.districtName, u.stateLabel]),
      10,
    );
  }
  if (d.parts) {
    const next = d.period === 'six_month' ? `6 THÁNG CUỐI NĂM ${r.year}` : `NĂM ${r.year + 1}`;
    authorParts(doc, d.parts, next);
  }
  closing(doc, issuer, d);
  numberPages(doc);
  return toBuffer(doc);
}
