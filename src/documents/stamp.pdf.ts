import PDFDocument from 'pdfkit';
import { toBuffer } from './pdf-layout';
import { addDocumentFonts } from './shared-fonts';

/**
 * A one-line text the size of a blank (the number or the date the văn thư gives), in the document's own
 * font, as a PDF page: the signing step embeds it as the appearance of the filled blank, so the text is
 * the same face as the page around it and reads back with `pdftotext`.
 */
export async function renderStampPdf(s: {
  text: string;
  width: number;
  height: number;
  size: number;
  italic: boolean;
  /** Baseline above the bottom. */
  baseline: number;
  align: 'center' | 'right';
}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [s.width, s.height],
    margin: 0,
    info: { CreationDate: new Date('2000-01-01T00:00:00Z'), Producer: 'Điển hình (pdfkit)' },
  });
  addDocumentFonts(doc);
  doc.font(s.italic ? 'italic' : 'regular').fontSize(s.size);
  const ascent = ((doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * s.size;
  const textWidth = doc.widthOfString(s.text);
  const x = s.align === 'right' ? s.width - textWidth : (s.width - textWidth) / 2;
  doc.text(s.text, Math.max(0, x), s.height - s.baseline - ascent, { lineBreak: false });
  return toBuffer(doc);
}
