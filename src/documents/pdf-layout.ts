import PDFDocument from 'pdfkit';
import { addDocumentFonts } from './shared-fonts';
import { centredLineWithSlots, type Slot } from './slots';
import { nfc } from './vn-format';

export type Doc = PDFKit.PDFDocument;

export interface DocOptions {
  title: string;
  /** The document's date (YYYY-MM-DD): its PDF creation date, so the same data gives the same bytes. */
  date: string;
  landscape?: boolean;
}

/** A4 document with the Vietnamese fonts registered; margins per Nghị định 30 (top 20, left 30, right 15 mm). */
export function createDoc(options: DocOptions): Doc {
  const mm = 72 / 25.4;
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margins: options.landscape
      ? { top: 20 * mm, bottom: 20 * mm, left: 20 * mm, right: 20 * mm }
      : { top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm },
    info: {
      Title: options.title.normalize('NFC'),
      Author: 'Điển hình',
      Creator: 'Điển hình',
      Producer: 'Điển hình (pdfkit)',
      CreationDate: new Date(`${options.date}T00:00:00+07:00`),
    },
    autoFirstPage: true,
    bufferPages: true,
  });
  addDocumentFonts(doc);
  doc.font('regular').fontSize(13);
  return doc;
}

/** Finishes the document and collects its bytes. */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

type Align = 'left' | 'center' | 'right' | 'justify';

/** Writes NFC text at the current position. */
export function write(
  doc: Doc,
  text: string,
  opts: {
    font?: string;
    size?: number;
    align?: Align;
    x?: number;
    width?: number;
    gap?: number;
    indent?: number;
  } = {},
): void {
  doc.font(opts.font ?? 'regular').fontSize(opts.size ?? 13);
  const x = opts.x ?? doc.page.margins.left;
  const width = opts.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.text(nfc(text), x, doc.y, { width, align: opts.align ?? 'left', indent: opts.indent ?? 0, lineGap: 2 });
  if (opts.gap) doc.moveDown(opts.gap);
}

/** "DỰ THẢO" in red at the top right: a draft never passes for the document itself. */
export function draftMark(doc: Doc): void {
  const top = doc.y;
  doc.fillColor('#b00000');
  write(doc, 'DỰ THẢO', { font: 'bold', size: 12, align: 'right' });
  doc.fillColor('#000000');
  doc.y = top + 14;
}

/** A short centred rule under a heading (the underline of Nghị định 30 headers). */
export function rule(doc: Doc, centerX: number, width: number): void {
  const y = doc.y + 1;
  doc
    .moveTo(centerX - width / 2, y)
    .lineTo(centerX + width / 2, y)
    .lineWidth(0.6)
    .stroke();
  doc.y = y + 4;
}

export interface HeaderInput {
  /**
   * Lines of the issuing body (e.g. ["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG"]): all bold when they name one
   * body, as a People's Committee does; otherwise the managing body above in regular, the body bold.
   */
  issuer: string[];
  issuerAllBold?: boolean;
  numberText?: string;
  placeAndDate: string;
  /** When set, `numberText` and `placeAndDate` are slot templates whose blanks are recorded here. */
  slots?: Slot[];
}

/** The header of an administrative document: issuer and number left, national title and date right. */
export function nationalHeader(doc: Doc, h: HeaderInput): void {
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const leftW = usable * 0.38;
  const rightX = left + usable * 0.36;
  const rightW = usable * 0.64;
  const top = doc.y;
  h.issuer.forEach((line, i) =>
    write(doc, line, {
      font: h.issuerAllBold || i === h.issuer.length - 1 ? 'bold' : 'regular',
      size: 12.5,
      align: 'center',
      x: left,
      width: leftW,
    }),
  );
  // The rule under the issuing body: 1/3 to 1/2 of its longest line.
  doc.font('bold').fontSize(12.5);
  const issuerWidth = Math.max(...h.issuer.map((l) => doc.widthOfString(nfc(l))));
  rule(doc, left + leftW / 2, Math.min(issuerWidth, leftW) * 0.4);
  if (h.numberText && h.slots) {
    centredLineWithSlots(
      doc,
      `Số: ${h.numberText}`,
      { font: 'regular', size: 13, x: left, width: leftW },
      h.slots,
    );
  } else if (h.numberText) {
    write(doc, `Số: ${h.numberText}`, { size: 13, align: 'center', x: left, width: leftW });
  }
  const leftBottom = doc.y;
  doc.y = top;
  // 12 pt (Nghị định 30: 12–13): the widest that keeps the Quốc hiệu on one line in this serif.
  write(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', {
    font: 'bold',
    size: 12,
    align: 'center',
    x: rightX,
    width: rightW,
  });
  write(doc, 'Độc lập - Tự do - Hạnh phúc', {
    font: 'bold',
    size: 13,
    align: 'center',
    x: rightX,
    width: rightW,
  });
  // The motto's rule is exactly as long as the motto.
  doc.font('bold').fontSize(13);
  rule(doc, rightX + rightW / 2, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
  doc.moveDown(0.4);
  if (h.slots) {
    centredLineWithSlots(
      doc,
      h.placeAndDate,
      { font: 'italic', size: 13, x: rightX, width: rightW },
      h.slots,
    );
  } else {
    write(doc, h.placeAndDate, { font: 'italic', size: 13, align: 'center', x: rightX, width: rightW });
  }
  doc.y = Math.max(doc.y, leftBottom) + 18;
}

export interface Column {
  header: string;
  width: number;
  align?: Align;
}

/** A table whose rows wrap and break across pages, repeating the header row on each page. */
export function table(doc: Doc, columns: Column[], rows: string[][], size = 11.5): void {
  const pad = 3;
  const x0 = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(...cells.map((c, i) => doc.heightOfString(nfc(c), { width: columns[i].width - 2 * pad }))) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string) => {
    const h = heightOf(cells, font);
    let x = x0;
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.rect(x, y, columns[i].width, h).lineWidth(0.5).stroke();
      doc
        .font(font)
        .fontSize(size)
        .text(nfc(c), x + pad, y + pad, {
          width: columns[i].width - 2 * pad,
          align: columns[i].align ?? 'left',
        });
      x += columns[i].width;
    });
    doc.x = x0;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  drawRow(header, 'bold');
  for (const cells of rows) {
    if (doc.y + heightOf(cells, 'regular') > bottom()) {
      doc.addPage();
      drawRow(header, 'bold');
    }
    drawRow(cells, 'regular');
  }
}

/**
 * Numbers pages in 13 pt, centred in the top margin, none on a first page (Nghị định 30). Pages from
 * `annexStart` (0-based) on belong to an annex, numbered on its own from its first page.
 */
export function numberPages(doc: Doc, annexStart?: number): void {
  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    const n = annexStart !== undefined && i >= annexStart ? i - annexStart + 1 : i + 1;
    if (annexStart !== undefined && i === annexStart) continue;
    doc.switchToPage(range.start + i);
    const { top } = doc.page.margins;
    doc
      .font('regular')
      .fontSize(13)
      .text(String(n), 0, top / 2, { width: doc.page.width, align: 'center', lineBreak: false });
  }
}

/** Room left on the page below the current position. */
export const roomLeft = (doc: Doc): number => doc.page.height - doc.page.margins.bottom - doc.y;

/** A paragraph that opens with a bold label ("Điều 1.") and continues in regular text, justified. */
export function article(doc: Doc, label: string, text: string, size = 14): void {
  const x = doc.page.margins.left;
  const width = doc.page.width - x - doc.page.margins.right;
  doc
    .font('bold')
    .fontSize(size)
    .text(`${nfc(label)} `, x, doc.y, {
      width,
      align: 'justify',
      indent: 28,
      lineGap: 2,
      continued: true,
    });
  doc.font('regular').text(nfc(text), { width, align: 'justify', lineGap: 2 });
}

export interface ClosingBlock {
  /** "Nơi nhận" lines, each starting with "- ". */
  recipients: string[];
  /** The signer's authority lines, e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]. */
  authority: string[];
  /** Printed under the space for signature and seal; blank when the signer signs by hand. */
  signerName?: string;
}

/** A box on a page, in pdfkit's coordinates (points from the top left). */
export interface PageBox {
  page: number;
  x: number;
  top: number;
  width: number;
  height: number;
}

/** The index of the page being written. */
export const currentPage = (doc: Doc): number =>
  doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;

/**
 * The foot of an administrative document: "Nơi nhận" bottom left, the signer's block bottom right.
 * Returns the space between the position and the name, where the signature goes.
 */
export function closingBlock(doc: Doc, c: ClosingBlock): PageBox {
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  if (doc.y > doc.page.height - doc.page.margins.bottom - 150) doc.addPage();
  const top = doc.y + 10;
  doc.y = top;
  write(doc, 'Nơi nhận:', { font: 'bolditalic', size: 12, x: left, width: usable * 0.45 });
  for (const r of c.recipients) write(doc, r, { size: 11, x: left, width: usable * 0.45 });
  const afterRecipients = doc.y;
  doc.y = top;
  const x = left + usable * 0.45;
  const width = usable * 0.55;
  for (const line of c.authority) write(doc, line, { font: 'bold', size: 13, align: 'center', x, width });
  const signatureTop = doc.y;
  doc.moveDown(4);
  const signature = { page: currentPage(doc), x, top: signatureTop, width, height: doc.y - signatureTop };
  if (c.signerName) write(doc, c.signerName, { font: 'bold', size: 13, align: 'center', x, width });
  doc.y = Math.max(doc.y, afterRecipients);
  return signature;
}
