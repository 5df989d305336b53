import type { DecisionKind } from '../../entities/decision.entity';
import { UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '../../machines/domain';
import {
  article,
  closingBlock,
  createDoc,
  draftMark,
  nationalHeader,
  numberPages,
  roomLeft,
  rule,
  table,
  toBuffer,
  write,
  type Doc,
  type PageBox,
} from './pdf-layout';
import { centredLineWithSlots, type Slot } from './slots';
import { authorityLine } from './signature-block';
import { vnLongDate, vnShortDate } from './vn-format';

export interface DecisionUnit {
  name: string;
  /** Null for a province-managed unit: it is listed with its kind, not under the city of its office. */
  districtName: string | null;
  unitType?: UnitType;
  /** For a revocation: the decision that had recognized or awarded the unit. */
  grantedBy?: { numberText: string; date: string; kind: DecisionKind } | null;
}

export interface DecisionDocument {
  kind: DecisionKind;
  /** Null on a draft: the number is given by the văn thư at issue. */
  numberText: string | null;
  /** How a draft prints its blank number, e.g. "     /QĐ-UBND" (the province's pattern). */
  blankNumber?: string;
  /** The date printed (date of issue); null on a draft. */
  date: string | null;
  /** The day the document was prepared (its file's creation date; a draft has no printed date). */
  preparedOn: string;
  signerName: string;
  /** The block under the text ("CHỦ TỊCH", or "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"). */
  signatureLines: string[];
  /** A decision of the collective body ("ỦY BAN NHÂN DÂN TỈNH …") rather than the Chairman's act. */
  collective?: boolean;
  /** "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" */
  issuerName: string;
  /** "Tuyên Quang" */
  placeName: string;
  achievementYear: number;
  units: DecisionUnit[];
  /** The province's legal bases for this kind of decision, each with its number and date. */
  legalBases: string[];
  /** The official criteria sets' legal bases (a set of the product's own is never cited). */
  criteriaBasis: string[];
  /** The plans the dossiers were opened under, with their number: "Kế hoạch số 45/KH-UBND … ". */
  plans: string[];
  /** The proposal (Tờ trình) the decision answers; null for decisions issued before proposals were kept. */
  proposal: { number: string; date: string; body: string } | null;
  reason: string | null;
  /** A preview before issuing: marked "DỰ THẢO" (draft), with a blank number. */
  draft?: boolean;
  /**
   * The document the leader signs: not marked, its number and date left blank for the văn thư, whose
   * step fills them (the blanks' places are returned with the document).
   */
  forSigning?: boolean;
  /** The province's number pattern ("{n}/QĐ-UBND"), for the blank of a document to be signed. */
  numberPattern?: string;
}

/** Where the signature goes and where the văn thư's number and date go, on a document to be signed. */
export interface DecisionLayout {
  signature: PageBox;
  slots: Slot[];
  pageHeight: number;
}

/** Units listed inside Điều 1 up to this many; more go to an annex table. */
const INLINE_UNITS = 5;
const SUBJECTS = 'xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục';
const TITLE_OF_MOVEMENT = 'điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc';

const splitIssuer = (issuerName: string): string[] => {
  const m = /^(ỦY BAN NHÂN DÂN)\s+(.+)$/u.exec(issuerName);
  return m ? [m[1], m[2]] : [issuerName];
};
/** "Cơ quan thuộc tỉnh quản lý": how a province-managed unit is grouped (by its kind). */
const provinceGroup = (u: DecisionUnit): string =>
  `${u.unitType ? UNIT_TYPE_LABELS[u.unitType] : 'Đơn vị'} thuộc tỉnh quản lý`;

/** District-managed units by district, then province-managed ones grouped by kind; names in order. */
function ordered(units: readonly DecisionUnit[]): DecisionUnit[] {
  const key = (u: DecisionUnit) =>
    u.districtName === null ? `2|${UNIT_TYPES.indexOf(u.unitType ?? 'commune')}` : `1|${u.districtName}`;
  return [...units].sort((a, b) => key(a).localeCompare(key(b), 'vi') || a.name.localeCompare(b.name, 'vi'));
}

/** The number as printed; a draft leaves it blank for the văn thư ("     /QĐ-UBND"). */
const numberOf = (d: DecisionDocument): string => d.numberText ?? d.blankNumber ?? '     /QĐ-UBND';

/**
 * In running text the generic noun of an administrative unit is lower case (Nghị định 30/2020): "xã
 * Thượng Nông, huyện Na Hang". Names of agencies, enterprises and schools are proper names and stay.
 */
const GENERIC = /^(Xã|Phường|Thị trấn|Đặc khu|Huyện|Quận|Thị xã|Thành phố|Tỉnh)(?= )/u;
export const inRunningText = (name: string): string =>
  name.replace(GENERIC, (noun) => noun.toLocaleLowerCase('vi'));

const unitLine = (u: DecisionUnit): string =>
  u.districtName ? `${inRunningText(u.name)}, ${inRunningText(u.districtName)}` : inRunningText(u.name);

function summary(d: DecisionDocument): string {
  switch (d.kind) {
    case 'recognition':
      return `Về việc công nhận ${SUBJECTS} ${TITLE_OF_MOVEMENT} năm ${d.achievementYear}`;
    case 'award':
      return `Về việc tặng Bằng khen cho tập thể có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${d.achievementYear}`;
    case 'revocation':
      return `Về việc thu hồi ${revokedWhat(d)} năm ${d.achievementYear}`;
  }
}

function legalBases(d: DecisionDocument): string[] {
  const proposer = d.proposal
    ? `Xét đề nghị của ${d.proposal.body} tại Tờ trình số ${d.proposal.number} ngày ${vnShortDate(d.proposal.date)}.`
    : 'Xét đề nghị của Giám đốc Công an tỉnh và Giám đốc Sở Nội vụ.';
  return [
    ...d.legalBases.map((b) => `Căn cứ ${b};`),
    ...d.criteriaBasis.map(
      (b) => `Căn cứ ${b} về việc ban hành Bộ tiêu chí ${SUBJECTS} ${TITLE_OF_MOVEMENT};`,
    ),
    ...d.plans.map((p) => `Căn cứ ${p} của Ủy ban nhân dân tỉnh;`),
    proposer,
  ];
}

function article1(d: DecisionDocument): string {
  const n = d.units.length;
  const listed = n > INLINE_UNITS ? ' (có danh sách kèm theo)' : ':';
  switch (d.kind) {
    case 'recognition':
      return `Điều 1. Công nhận ${n} đơn vị đạt tiêu chí ${TITLE_OF_MOVEMENT} năm ${d.achievementYear}${listed}`;
    case 'award':
      return `Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho ${n} tập thể đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${d.achievementYear}${listed}`;
    case 'revocation': {
      const by = d.units[0]?.grantedBy;
      const source = by
        ? ` tại Quyết định số ${by.numberText} ngày ${vnShortDate(by.date)} của Chủ tịch Ủy ban nhân dân tỉnh`
        : '';
      return `Điều 1. Thu hồi ${revokedWhat(d)} năm ${d.achievementYear}${source} đối với ${n} đơn vị${listed}`;
    }
  }
}

/** What a revocation takes back: the recognition, or the Bằng khen, as the revoked decision granted. */
function revokedWhat(d: DecisionDocument): string {
  return d.units.some((u) => u.grantedBy?.kind === 'award')
    ? 'việc tặng Bằng khen phong trào toàn dân bảo vệ an ninh Tổ quốc'
    : `việc công nhận đạt tiêu chí ${TITLE_OF_MOVEMENT}`;
}

const ARTICLE_3 =
  'Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Công an tỉnh; Giám đốc Sở Nội vụ; Thủ trưởng các cơ quan, đơn vị có liên quan và các đơn vị có tên tại Điều 1 căn cứ Quyết định thi hành./.';
/** Room the "Nơi nhận" and signature block take (see closingBlock). */
const SIGNATURE_BLOCK_HEIGHT = 160;

/** "Điều 1. Công nhận …" → ["Điều 1.", "Công nhận …"]: the label is printed bold. */
function splitArticle(text: string): [string, string] {
  const m = /^(Điều \d+\.)\s+(.*)$/su.exec(text);
  return m ? [m[1], m[2]] : ['', text];
}

/** A sentence ends with one full stop, never two. */
const withFullStop = (text: string): string =>
  /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;

/** What the revoked units give back: what each one actually received. */
function recovered(d: DecisionDocument): string {
  const kinds = new Set(d.units.map((u) => u.grantedBy?.kind ?? 'recognition'));
  const items = [
    ...(kinds.has('recognition') ? ['Giấy chứng nhận'] : []),
    ...(kinds.has('award') ? ['Bằng khen và tiền thưởng'] : []),
  ];
  return items.join(', ') || 'Giấy chứng nhận';
}

function article2(d: DecisionDocument): string {
  switch (d.kind) {
    case 'recognition':
      return `Điều 2. Các đơn vị có tên tại Điều 1 được cấp Giấy chứng nhận ${TITLE_OF_MOVEMENT} năm ${d.achievementYear}.`;
    case 'award':
      return 'Điều 2. Mỗi tập thể có tên tại Điều 1 được tặng Bằng khen và tiền thưởng theo quy định của Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành.';
    case 'revocation':
      return `Điều 2. Lý do thu hồi: ${withFullStop(d.reason ?? '')} Các đơn vị có tên tại Điều 1 nộp lại ${recovered(d)} đã được cấp; các quyền lợi kèm theo (nếu có) được thu hồi theo quy định.`;
  }
}

const unitText = (d: DecisionDocument, u: DecisionUnit): string =>
  d.kind === 'revocation' && u.grantedBy
    ? `${unitLine(u)} (Quyết định số ${u.grantedBy.numberText} ngày ${vnShortDate(u.grantedBy.date)})`
    : unitLine(u);

function recipientsAndSigner(doc: Doc, d: DecisionDocument): PageBox {
  return closingBlock(doc, {
    recipients: [
      '- Như Điều 3;',
      '- Bộ Công an (Cục V05);',
      '- Chủ tịch, các Phó Chủ tịch UBND tỉnh;',
      '- Ban Chỉ đạo 138 tỉnh;',
      '- Lưu: VT, NC.',
    ],
    authority: d.signatureLines,
    signerName: d.signerName,
  });
}

function annex(doc: Doc, d: DecisionDocument, slots: Slot[] | undefined): void {
  doc.addPage();
  const kindLabel =
    d.kind === 'award'
      ? 'TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN'
      : d.kind === 'revocation'
        ? 'ĐƠN VỊ BỊ THU HỒI CÔNG NHẬN'
        : 'ĐƠN VỊ ĐƯỢC CÔNG NHẬN';
  write(doc, `DANH SÁCH ${kindLabel}`, { font: 'bold', size: 13, align: 'center' });
  write(
    doc,
    `${TITLE_OF_MOVEMENT.charAt(0).toUpperCase()}${TITLE_OF_MOVEMENT.slice(1)} năm ${d.achievementYear}`,
    { font: 'bold', size: 13, align: 'center' },
  );
  const x = doc.page.margins.left;
  const width = doc.page.width - x - doc.page.margins.right;
  if (slots) {
    const template = `(Kèm theo Quyết định số ${numberTemplate(d)} ngày {shortDate}`;
    centredLineWithSlots(doc, template, { font: 'italic', size: 12, x, width }, slots);
  } else {
    const date = d.date ? vnShortDate(d.date) : '   /   /    ';
    write(doc, `(Kèm theo Quyết định số ${numberOf(d)} ngày ${date}`, {
      font: 'italic',
      size: 12,
      align: 'center',
    });
  }
  write(doc, 'của Chủ tịch Ủy ban nhân dân tỉnh)', { font: 'italic', size: 12, align: 'center', gap: 0.8 });
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const rows = ordered(d.units).map((u, i) => [
    String(i + 1),
    d.kind === 'revocation' ? unitText(d, u) : u.name,
    u.districtName ?? provinceGroup(u),
  ]);
  table(
    doc,
    [
      { header: 'STT', width: 40, align: 'center' },
      { header: 'Tên đơn vị', width: usable - 40 - 150 },
      { header: 'Huyện, thành phố', width: 150 },
    ],
    rows,
  );
}

/** "{number}/QĐ-UBND": the number's place in the province's pattern. */
const numberTemplate = (d: DecisionDocument): string =>
  (d.numberPattern ?? '{n}/QĐ-UBND').replace('{n}', '{number}');

/** Renders a recognition, award or revocation decision (Quyết định) per Nghị định 30/2020. */
export async function renderDecisionPdf(d: DecisionDocument): Promise<Buffer> {
  return (await renderDecisionWithLayout(d)).bytes;
}

/** The decision and, for a document to be signed, where its signature and blanks are. */
export async function renderDecisionWithLayout(
  d: DecisionDocument,
): Promise<{ bytes: Buffer; layout: DecisionLayout }> {
  const slots: Slot[] | undefined = d.forSigning ? [] : undefined;
  const doc = createDoc({
    title: `${d.draft ? 'Dự thảo quyết định' : `Quyết định số ${numberOf(d)}`}`,
    date: d.date ?? d.preparedOn,
  });
  if (d.draft) draftMark(doc);
  nationalHeader(doc, {
    issuer: splitIssuer(d.issuerName),
    issuerAllBold: true,
    ...(slots
      ? {
          numberText: numberTemplate(d),
          placeAndDate: `${d.placeName}, ngày {day} tháng {month} năm {year}`,
          slots,
        }
      : {
          numberText: numberOf(d),
          placeAndDate: `${d.placeName}, ${d.date ? vnLongDate(d.date) : 'ngày     tháng     năm     '}`,
        }),
  });
  write(doc, 'QUYẾT ĐỊNH', { font: 'bold', size: 14, align: 'center' });
  write(doc, summary(d), { font: 'bold', size: 14, align: 'center' });
  // A rule of a third of the line under the summary.
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.moveDown(0.2);
  rule(doc, doc.page.margins.left + usable / 2, usable / 3);
  doc.moveDown(0.6);
  write(doc, authorityLine(d.issuerName, d.collective), {
    font: 'bold',
    size: 14,
    align: 'center',
    gap: 0.8,
  });
  for (const basis of legalBases(d))
    write(doc, basis, { font: 'italic', size: 14, align: 'justify', indent: 28 });
  doc.moveDown(0.6);
  write(doc, 'QUYẾT ĐỊNH:', { font: 'bold', size: 14, align: 'center', gap: 0.6 });
  const [label1, text1] = splitArticle(article1(d));
  article(doc, label1, text1);
  if (d.units.length <= INLINE_UNITS) {
    ordered(d.units).forEach((u, i) =>
      write(doc, `${i + 1}. ${unitText(d, u)}${i === d.units.length - 1 ? '.' : ';'}`, {
        size: 14,
        indent: 28,
      }),
    );
  }
  const [label2, text2] = splitArticle(article2(d));
  article(doc, label2, text2);
  // The signature page carries at least the last article, never the signature block alone.
  doc.font('regular').fontSize(14);
  const lastArticle = doc.heightOfString(ARTICLE_3, { width: usable, lineGap: 2 }) + 20;
  if (roomLeft(doc) < lastArticle + SIGNATURE_BLOCK_HEIGHT) doc.addPage();
  article(doc, 'Điều 3.', ARTICLE_3);
  const signature = recipientsAndSigner(doc, d);
  let annexStart: number | undefined;
  if (d.units.length > INLINE_UNITS) {
    annexStart = doc.bufferedPageRange().count;
    annex(doc, d, slots);
  }
  numberPages(doc, annexStart);
  return {
    bytes: await toBuffer(doc),
    layout: { signature, slots: slots ?? [], pageHeight: doc.page.height },
  };
}
