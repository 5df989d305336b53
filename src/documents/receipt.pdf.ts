import type { ReceiptFacts } from '../../entities/dossier-receipt.entity';
import { createDoc, nationalHeader, toBuffer, write } from './pdf-layout';
import { vnClock, vnDate } from '../calendar/time';
import { vnLongDate, vnShortDate } from './vn-format';

export interface ReceiptInput {
  facts: ReceiptFacts;
  sequence: number;
  /** The submission's instant (ISO); printed in Vietnam's time. */
  submittedAt: string;
}

const vnParts = (iso: string) => ({ date: vnDate(new Date(iso)), time: vnClock(new Date(iso)) });

/**
 * The receipt (phiếu tiếp nhận hồ sơ) a unit gets when it submits: the body that received the dossier,
 * its code, what it holds, and when the next stage is due — the form of Nghị định 30/2020's header.
 */
export async function renderReceiptPdf(r: ReceiptInput): Promise<Buffer> {
  const f = r.facts;
  const at = vnParts(r.submittedAt);
  const doc = createDoc({ title: `Phiếu tiếp nhận hồ sơ ${f.code}`, date: at.date });
  nationalHeader(doc, {
    issuer: f.issuerLines,
    numberText: `${String(r.sequence).padStart(2, '0')}/PTN`,
    placeAndDate: `${f.place}, ${vnLongDate(at.date)}`,
  });
  doc.moveDown(1.5);
  write(doc, 'PHIẾU TIẾP NHẬN HỒ SƠ', { font: 'bold', size: 14, align: 'center' });
  write(doc, `Đề nghị công nhận điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${f.year}`, {
    font: 'bold',
    align: 'center',
    gap: 1,
  });
  const line = (label: string, value: string) => write(doc, `${label}: ${value}`, { gap: 0.2 });
  line('Mã hồ sơ', f.code);
  line('Cơ quan tiếp nhận', f.receivedBy);
  line('Đơn vị nộp', f.districtName ? `${f.unitName}, ${f.districtName}` : f.unitName);
  line(
    'Thời điểm nộp',
    `${at.time} ${vnShortDate(at.date)}${r.sequence > 1 ? ` (nộp lại lần ${r.sequence - 1} sau khi được trả lại)` : ''}`,
  );
  write(doc, 'Hồ sơ gồm:', { gap: 0.2 });
  const items = [
    `Bảng tự chấm điểm: ${f.scoredCriteria}/${f.criteriaCount} tiêu chí, tổng ${f.selfTotal}/${f.maxTotal} điểm;`,
    f.hasReport ? 'Báo cáo kết quả xây dựng điển hình của đơn vị;' : 'Không kèm báo cáo của đơn vị;',
    `${f.evidenceFiles} tệp minh chứng cho ${f.evidenceCriteria} tiêu chí.`,
  ];
  items.forEach((text, i) => write(doc, `${i + 1}. ${text}`, { indent: 20, gap: 0.1 }));
  doc.moveDown(0.5);
  line('Bước tiếp theo', f.nextStage);
  line('Hạn xử lý', f.dueAt ? vnShortDate(vnParts(f.dueAt).date) : 'không quy định');
  doc.moveDown(0.5);
  write(
    doc,
    'Đơn vị theo dõi tiến độ hồ sơ bằng mã hồ sơ trên hệ thống Điển hình; khi hồ sơ được trả lại để bổ sung, hệ thống thông báo lý do và các tiêu chí cần hoàn thiện.',
    { font: 'italic', size: 12, align: 'justify' },
  );
  return toBuffer(doc);
}
