import { nfc } from './vn-format';

type Doc = PDFKit.PDFDocument;

/*
 * Blanks the văn thư fills at issue. An electronic decision is signed by the leader before it has a
 * number or a date (Nghị định 30/2020, Phụ lục I, Phần II); the number and the date are then written onto
 * the signed document by the organization's signature step, as an incremental update that leaves the
 * leader's signature valid. The renderer records where each blank is so that the update can fill it.
 */
export type SlotName = 'number' | 'day' | 'month' | 'year' | 'shortDate';

export interface Slot {
  name: SlotName;
  /** 0-based page index. */
  page: number;
  /** Left edge and top of the blank, in pdfkit's coordinates (points from the top left). */
  x: number;
  top: number;
  width: number;
  /** Baseline offset below `top`, and the font size and face of the line it sits in. */
  baseline: number;
  size: number;
  italic: boolean;
}

/** How wide each blank prints (spaces): wide enough for what fills it. */
const BLANKS: Record<SlotName, string> = {
  number: '        ',
  day: '      ',
  month: '      ',
  year: '          ',
  shortDate: '                    ',
};

const TOKEN = /\{(number|day|month|year|shortDate)\}/g;

/** The text as printed without slots being recorded (a draft's blanks). */
export const withBlanks = (template: string): string =>
  template.replace(TOKEN, (_m, name: SlotName) => BLANKS[name]);

/**
 * Writes one centred line whose `{number}`, `{day}`… tokens print as blanks, recording each blank's box
 * in `record`. The line is placed by hand (not wrapped) so that the boxes are exactly where the blanks are.
 */
export function centredLineWithSlots(
  doc: Doc,
  template: string,
  opts: { font: 'regular' | 'italic'; size: number; x: number; width: number },
  record: Slot[],
): void {
  doc.font(opts.font).fontSize(opts.size);
  const text = nfc(withBlanks(template));
  const lineWidth = doc.widthOfString(text);
  const x0 = opts.x + Math.max(0, (opts.width - lineWidth) / 2);
  const top = doc.y;
  const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  // pdfkit puts the baseline at the font's ascender below the top of the line.
  const baseline = ((doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * opts.size;
  let printed = '';
  let rest = template;
  for (;;) {
    TOKEN.lastIndex = 0;
    const m = TOKEN.exec(rest);
    if (!m) break;
    printed += withBlanks(rest.slice(0, m.index));
    const name = m[1] as SlotName;
    record.push({
      name,
      page,
      x: x0 + doc.widthOfString(nfc(printed)),
      top,
      width: doc.widthOfString(BLANKS[name]),
      baseline,
      size: opts.size,
      italic: opts.font === 'italic',
    });
    printed += BLANKS[name];
    rest = rest.slice(m.index + m[0].length);
  }
  doc.text(text, x0, top, { lineBreak: false, lineGap: 2 });
  doc.x = opts.x;
  doc.y = top + doc.currentLineHeight(true);
}
