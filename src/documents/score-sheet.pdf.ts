import {
  createDoc,
  nationalHeader,
  numberPages,
  roomLeft,
  table,
  toBuffer,
  write,
  type Doc,
} from './pdf-layout';
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
  /** Who scored this stage last (the sheet is signed by them); null before anyone scored it. */
  scorer: { position: string; name: string } | null;
  /** The scorer's notes, criterion by criterion. */
  notes: { code: string; note: string }[];
}

export interface ScoreSheetEvidence {
  code: string | null;
  fileName: string;
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
  evidence: ScoreSheetEvidence[];
}

/**
 * A met/not-met set (domain.md: the Ministry's 34 criteria, each judged "đạt" or not) is every item at one
 * point with the passing score the number of items required; it prints "Đạt" / "Chưa đạt" and "34/34 tiêu
 * chí" instead of points.
 */
export const isMetNotMet = (d: Pick<ScoreSheetDocument, 'rows'>): boolean =>
  d.rows.length > 0 && d.rows.every((r) => r.maxPoints === 1);

function cell(points: number | null, metNotMet: boolean): string {
  if (points === null) return '—';
  if (!metNotMet) return String(points);
  return points >= 1 ? 'Đạt' : 'Chưa đạt';
}

function stageLine(d: ScoreSheetDocument, s: ScoreSheetStage, metNotMet: boolean): string {
  if (metNotMet) {
    const verdict = !s.complete ? 'chưa đánh giá đủ' : s.passing ? 'Đạt' : 'Chưa đạt';
    return `${s.label}: đạt ${s.total}/${d.rows.length} tiêu chí — ${verdict}`;
  }
  const verdict = !s.complete ? 'chưa chấm đủ' : s.passing ? 'Đạt' : 'Chưa đạt';
  return `${s.label}: ${s.total}/${d.maxTotal} điểm — ${verdict}`;
}

function scoresTable(doc: Doc, d: ScoreSheetDocument, metNotMet: boolean): void {
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const num = metNotMet ? 62 : 52;
  const stageCols = d.hasDistrictStage ? 3 : 2;
  const columns = [
    { header: 'Mã', width: 48 },
    { header: 'Tiêu chí', width: usable - 48 - num * (stageCols + (metNotMet ? 0 : 1)) },
    ...(metNotMet ? [] : [{ header: 'Tối đa', width: num, align: 'center' as const }]),
    { header: metNotMet ? 'Tự đánh giá' : 'Tự chấm', width: num, align: 'center' as const },
    ...(d.hasDistrictStage ? [{ header: 'Huyện', width: num, align: 'center' as const }] : []),
    { header: 'Tỉnh', width: num, align: 'center' as const },
  ];
  const rows = d.rows.map((r) => [
    r.mandatory ? `${r.code} (*)` : r.code,
    r.title,
    ...(metNotMet ? [] : [String(r.maxPoints)]),
    cell(r.self, metNotMet),
    ...(d.hasDistrictStage ? [cell(r.district, metNotMet)] : []),
    cell(r.provincial, metNotMet),
  ]);
  const totals = d.stages.map((s) => (metNotMet ? `${s.total}/${d.rows.length}` : String(s.total)));
  rows.push([
    '',
    metNotMet ? 'Số tiêu chí đạt' : 'Tổng cộng',
    ...(metNotMet ? [] : [String(d.maxTotal)]),
    ...totals,
  ]);
  table(doc, columns, rows, 10.5);
}

function notesAndEvidence(doc: Doc, d: ScoreSheetDocument): void {
  const withNotes = d.stages.filter((s) => s.notes.length > 0);
  if (withNotes.length > 0) {
    doc.moveDown(0.6);
    write(doc, 'Ý kiến của người chấm:', { font: 'bold', size: 12.5 });
    for (const s of withNotes) {
      write(doc, `${s.label}:`, { font: 'italic', size: 12 });
      for (const n of s.notes) write(doc, `- ${n.code}: ${n.note}`, { size: 12, indent: 14 });
    }
  }
  doc.moveDown(0.6);
  write(doc, 'Minh chứng kèm theo:', { font: 'bold', size: 12.5 });
  if (d.evidence.length === 0) write(doc, '(không có)', { font: 'italic', size: 12 });
  for (const e of d.evidence) {
    write(doc, `- ${e.code ? `${e.code}: ` : ''}${e.fileName}`, { size: 12, indent: 14 });
  }
}

/** Each stage that was scored is signed by its scorer: position above, name below, side by side. */
function signatures(doc: Doc, d: ScoreSheetDocument): void {
  const signed = d.stages.filter((s) => s.scorer !== null);
  if (signed.length === 0) return;
  // The block moves with the verdict lines above it, never alone onto a page.
  if (roomLeft(doc) < 120) doc.addPage();
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const width = usable / signed.length;
  const top = doc.y + 12;
  let bottom = top;
  signed.forEach((s, i) => {
    const x = left + i * width;
    doc.y = top;
    write(doc, s.label.toLocaleUpperCase('vi'), { font: 'bold', size: 11.5, align: 'center', x, width });
    write(doc, s.scorer?.position ?? '', { font: 'italic', size: 11.5, align: 'center', x, width });
    doc.moveDown(3);
    write(doc, s.scorer?.name ?? '', { font: 'bold', size: 12.5, align: 'center', x, width });
    bottom = Math.max(bottom, doc.y);
  });
  doc.y = bottom;
}

/** Renders the dossier's score sheet (bảng chấm điểm): each criterion's self, district and provincial result. */
export async function renderScoreSheetPdf(d: ScoreSheetDocument): Promise<Buffer> {
  const metNotMet = isMetNotMet(d);
  const doc = createDoc({ title: `Bảng chấm điểm ${d.unitName} năm ${d.year}`, date: d.date });
  nationalHeader(doc, { issuer: d.issuerLines, placeAndDate: `${d.placeName}, ${vnLongDate(d.date)}` });
  write(doc, metNotMet ? 'BẢNG ĐÁNH GIÁ TIÊU CHÍ' : 'BẢNG CHẤM ĐIỂM', {
    font: 'bold',
    size: 14,
    align: 'center',
  });
  write(doc, `Xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${d.year}`, {
    font: 'bold',
    size: 13,
    align: 'center',
    gap: 0.6,
  });
  write(doc, `Đơn vị: ${d.districtName ? `${d.unitName}, ${lowerFirst(d.districtName)}` : d.unitName}`, {
    size: 13,
  });
  write(doc, `Bộ tiêu chí: ${d.criteriaSetTitle} (phiên bản ${d.criteriaSetVersion})`, { size: 12 });
  const rule = metNotMet
    ? `Gồm ${d.rows.length} tiêu chí; đạt khi đạt từ ${d.passingScore}/${d.rows.length} tiêu chí và đạt tất cả tiêu chí bắt buộc (*).`
    : `Tổng điểm tối đa ${d.maxTotal}; đạt khi từ ${d.passingScore} điểm và đạt tất cả tiêu chí bắt buộc (*).`;
  write(doc, rule, { size: 12, gap: 0.5 });
  scoresTable(doc, d, metNotMet);
  notesAndEvidence(doc, d);
  doc.moveDown(0.8);
  for (const s of d.stages) write(doc, stageLine(d, s, metNotMet), { size: 12.5 });
  signatures(doc, d);
  numberPages(doc);
  return toBuffer(doc);
}

/** "Huyện Na Hang" → "huyện Na Hang": the generic noun in lower case in running text. */
const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
