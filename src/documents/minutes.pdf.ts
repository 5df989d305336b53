import { createDoc, nationalHeader, numberPages, table, toBuffer, write, type Doc } from './pdf-layout';
import { vnLongDate } from './vn-format';

export interface MinutesPerson {
  name: string;
  /** The part in the council ("Chủ tịch Hội đồng") and the office ("Chủ tịch UBND tỉnh"). */
  part: string;
  title: string;
  /** An absent member whose written vote was entered. */
  votedInWriting?: boolean;
}

export interface MinutesDocument {
  /** The body above the council, e.g. "UBND TỈNH TUYÊN QUANG". */
  parentBody: string;
  councilName: string;
  placeName: string;
  /** The day the minutes are made (the meeting's closing day, YYYY-MM-DD). */
  date: string;
  title: string;
  location: string;
  /** "08:00 ngày 20 tháng 12 năm 2026" */
  openedAt: string;
  closedAt: string;
  memberCount: number;
  present: MinutesPerson[];
  absent: MinutesPerson[];
  chair: MinutesPerson | null;
  secretary: MinutesPerson | null;
  /** "Công khai từ … đến …", with the number of comments received. */
  posting: string;
  rule: string;
  items: { unitName: string; yes: number; no: number; comments: number; result: string }[];
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

function people(doc: Doc, heading: string, list: MinutesPerson[]) {
  write(doc, heading, { font: 'bold', size: 13 });
  if (list.length === 0) write(doc, '- Không có.', { size: 13, indent: 20 });
  for (const p of list) {
    const note = p.votedInWriting ? ' (có phiếu biểu quyết bằng văn bản)' : '';
    write(doc, `- Ông/Bà ${p.name}, ${p.title}, ${p.part}${note}.`, { size: 13, indent: 20 });
  }
}

/** Two signature blocks side by side: the secretary left, the chair (chủ tọa) right (Nghị định 30, biên bản). */
function signatures(doc: Doc, d: MinutesDocument) {
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  if (doc.y > doc.page.height - doc.page.margins.bottom - 140) doc.addPage();
  const top = doc.y + 12;
  const block = (x: number, heading: string, name: string) => {
    doc.y = top;
    write(doc, heading, { font: 'bold', size: 13, align: 'center', x, width: usable / 2 });
    write(doc, '(Ký, ghi rõ họ tên)', { font: 'italic', size: 12, align: 'center', x, width: usable / 2 });
    doc.moveDown(3.5);
    write(doc, name, { font: 'bold', size: 13, align: 'center', x, width: usable / 2 });
  };
  block(left, 'THƯ KÝ', d.secretary?.name ?? '');
  block(left + usable / 2, 'CHỦ TỌA', d.chair?.name ?? '');
}

/** The minutes of a council meeting (biên bản họp) in the form of Nghị định 30/2020. */
export async function renderMinutes(d: MinutesDocument): Promise<Buffer> {
  const doc = createDoc({ title: `Biên bản ${d.title}`, date: d.date });
  nationalHeader(doc, {
    issuer: [upper(d.parentBody), upper(d.councilName)],
    placeAndDate: `${d.placeName}, ${vnLongDate(d.date)}`,
  });
  write(doc, 'BIÊN BẢN', { font: 'bold', size: 14, align: 'center' });
  write(doc, d.title, { font: 'bold', size: 14, align: 'center', gap: 0.8 });
  write(doc, `Thời gian: bắt đầu lúc ${d.openedAt}.`, { size: 13, indent: 28 });
  write(doc, `Địa điểm: ${d.location}.`, { size: 13, indent: 28 });
  write(
    doc,
    `Chủ trì: ${d.chair ? `${d.chair.name}, ${d.chair.part}` : ''}. Thư ký: ${d.secretary?.name ?? ''}.`,
    { size: 13, indent: 28, gap: 0.4 },
  );
  people(doc, `Thành viên có mặt: ${d.present.length}/${d.memberCount}`, d.present);
  people(doc, `Thành viên vắng mặt: ${d.absent.length}/${d.memberCount}`, d.absent);
  doc.moveDown(0.4);
  write(doc, 'Nội dung:', { font: 'bold', size: 13 });
  write(
    doc,
    `${d.posting} Hội đồng biểu quyết bằng phiếu kín từng hồ sơ; theo quy chế, hồ sơ được thông qua khi số phiếu đồng ý đạt ${d.rule}.`,
    { size: 13, indent: 28, align: 'justify', gap: 0.4 },
  );
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  table(
    doc,
    [
      { header: 'STT', width: usable * 0.07, align: 'center' },
      { header: 'Đơn vị được đề nghị', width: usable * 0.39 },
      { header: 'Đồng ý', width: usable * 0.11, align: 'center' },
      { header: 'Không đồng ý', width: usable * 0.13, align: 'center' },
      { header: 'Ý kiến nhân dân', width: usable * 0.12, align: 'center' },
      { header: 'Kết quả', width: usable * 0.18, align: 'center' },
    ],
    d.items.map((it, i) => [
      String(i + 1),
      it.unitName,
      String(it.yes),
      String(it.no),
      String(it.comments),
      it.result,
    ]),
  );
  doc.moveDown(0.6);
  write(doc, `Phiên họp kết thúc lúc ${d.closedAt}. Biên bản được lập và thông qua tại phiên họp.`, {
    size: 13,
    indent: 28,
    align: 'justify',
  });
  signatures(doc, d);
  numberPages(doc);
  return toBuffer(doc);
}
