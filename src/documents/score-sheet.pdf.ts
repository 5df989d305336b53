import { createDoc, nationalHeader, numberPages, table, toBuffer, write } from './pdf-layout';
import { vnLongDate } from './vn-format';

export interface ScoreSheetRow {
  code: string;
  title: string;
  maxPoints: number;
  mandatory: boolean;
  self: number | null;
  district: number | null;
  provincial: number | null;
}

export interface ScoreSheetStage {
  label: string;
  total: number;
  passing: boolean;
  complete: boolean;
}

export interface ScoreSheetDocument {
  issuerLines: string[];
  placeName: string;
  date: string;
  unitName: string;
  districtName: string | null;
  year: number;
  criteriaSetTitle: string;
  criteriaSetVersion: number;
  passingScore: number;
  maxTotal: number;
  rows: ScoreSheetRow[];
  stages: ScoreSheetStage[];
  /** District review applies to district-managed units only. */
  hasDistrictStage: boolean;
}

const pts = (n: number | null): string => (n === null ? '—' : String(n));

/** Renders the dossier's score sheet (bảng chấm điểm): each criterion's self, district and provincial points. */
export async function renderScoreSheetPdf(d: ScoreSheetDocument): Promise<Buffer> {
  const doc = createDoc({ title: `Bảng chấm điểm ${d.unitName} năm ${d.year}`, date: d.date });
  nationalHeader(doc, { issuer: d.issuerLines, placeAndDate: `${d.placeName}, ${vnLongDate(d.date)}` });
  write(doc, 'BẢNG CHẤM ĐIỂM', { font: 'bold', size: 14, align: 'center' });
  write(doc, `Xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${d.year}`, {
    font: 'bold',
    size: 13,
    align: 'center',
    gap: 0.6,
  });
  write(doc, `Đơn vị: ${d.districtName ? `${d.unitName}, ${d.districtName}` : d.unitName}`, { size: 13 });
  write(doc, `Bộ tiêu chí: ${d.criteriaSetTitle} (phiên bản ${d.criteriaSetVersion})`, { size: 12 });
  write(
    doc,
    `Tổng điểm tối đa ${d.maxTotal}; đạt khi từ ${d.passingScore} điểm và đạt tất cả tiêu chí bắt buộc (*).`,
    { size: 12, gap: 0.5 },
  );
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const num = 52;
  const columns = [
    { header: 'Mã', width: 48 },
    { header: 'Tiêu chí', width: usable - 48 - num * (d.hasDistrictStage ? 4 : 3) },
    { header: 'Tối đa', width: num, align: 'center' as const },
    { header: 'Tự chấm', width: num, align: 'center' as const },
    ...(d.hasDistrictStage ? [{ header: 'Huyện', width: num, align: 'center' as const }] : []),
    { header: 'Tỉnh', width: num, align: 'center' as const },
  ];
  const rows = d.rows.map((r) => [
    r.mandatory ? `${r.code} (*)` : r.code,
    r.title,
    String(r.maxPoints),
    pts(r.self),
    ...(d.hasDistrictStage ? [pts(r.district)] : []),
    pts(r.provincial),
  ]);
  const totals = d.stages.map((s) => String(s.total));
  rows.push(['', 'Tổng cộng', String(d.maxTotal), ...totals]);
  table(doc, columns, rows, 10.5);
  doc.moveDown(0.8);
  for (const s of d.stages) {
    const verdict = !s.complete ? 'chưa chấm đủ' : s.passing ? 'ĐẠT' : 'KHÔNG ĐẠT';
    write(doc, `${s.label}: ${s.total}/${d.maxTotal} điểm — ${verdict}`, { size: 12.5 });
  }
  numberPages(doc);
  return toBuffer(doc);
}
