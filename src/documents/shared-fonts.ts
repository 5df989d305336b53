import PDFDocument from 'pdfkit';
import { documentFonts, type FontSet } from './fonts';

/** The names documents use for the four faces (`doc.font('bold')`). */
export const FACE_NAMES = ['regular', 'bold', 'italic', 'bolditalic'] as const;
export type FaceName = (typeof FACE_NAMES)[number];

const FACE_FILES: Record<FaceName, keyof FontSet> = {
  regular: 'regular',
  bold: 'bold',
  italic: 'italic',
  bolditalic: 'boldItalic',
};

/*
 * Why this module exists. pdfkit parses a font file anew for every document, and the first text laid out
 * on a freshly parsed face reads its shaping and metric tables — which cost more than a whole plain
 * page. A certificate uses three faces, so it was dominated by parsing. Here each face's tables are
 * parsed once per process, and every document gets a face of its own built on those tables, the way
 * fontkit itself builds a variation of a face (`getVariation`: a new face on the same bytes, sharing
 * `_tables`). Only the parsed tables are shared, and they are read-only once parsed; each document keeps
 * its own glyph objects (which remember the characters they were laid out from, what the PDF maps back
 * to text) and its own embedded font and subset. A document therefore comes out byte for byte as if
 * pdfkit had parsed the file for it, whatever was rendered before.
 *
 * This reaches under the public API of pdfkit 0.17 and fontkit 2 (pinned by package-lock):
 * a document's font table and counter, the embedded-font class, and a face's stream, directory position
 * and table cache. `test/documents/shared-fonts.test.ts` fails if an upgrade moves them, and should they
 * be missing at run time, documents fall back to registering the files the public way.
 */

interface DocInternals {
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
  _font?: { font?: ParsedFace; constructor: EmbeddedFontClass };
}
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, face: ParsedFace, id: string) => unknown;
interface ParsedFace {
  stream: { buffer: Uint8Array; constructor: new (buffer: Uint8Array) => { pos: number } };
  _directoryPos: number;
  _tables: Record<string, unknown>;
  variationCoords: number[] | null;
  constructor: new (stream: { pos: number }, variationCoords: number[] | null) => ParsedFace;
}

interface SharedFaces {
  embeddedFont: EmbeddedFontClass;
  faces: Record<FaceName, ParsedFace>;
}

let shared: SharedFaces | null | undefined;

const internals = (doc: PDFKit.PDFDocument): DocInternals => doc as unknown as DocInternals;

/** Parses each face once, through pdfkit itself, so that the faces are exactly what it would make. */
function parseFaces(): SharedFaces | null {
  const files = documentFonts();
  const probe = new PDFDocument({ autoFirstPage: false });
  const faces = {} as Record<FaceName, ParsedFace>;
  let embeddedFont: EmbeddedFontClass | undefined;
  for (const name of FACE_NAMES) {
    probe.font(files[FACE_FILES[name]]);
    const font = internals(probe)._font;
    const face = font?.font;
    if (!font || !face?.stream?.buffer || typeof face._directoryPos !== 'number' || !face._tables)
      return null;
    faces[name] = face;
    embeddedFont = font.constructor;
  }
  return embeddedFont ? { embeddedFont, faces } : null;
}

/** A face of its own for one document: its own glyphs and caches, on the shared parsed tables. */
function faceForDocument(parsed: ParsedFace): ParsedFace {
  const Stream = parsed.stream.constructor;
  const stream = new Stream(parsed.stream.buffer);
  stream.pos = parsed._directoryPos;
  const face = new parsed.constructor(stream, parsed.variationCoords);
  face._tables = parsed._tables;
  return face;
}

function sharedFaces(): SharedFaces | null {
  if (shared === undefined) shared = parseFaces();
  return shared;
}

/** Gives `doc` the four faces under their names (`doc.font('regular')`, …). */
export function addDocumentFonts(doc: PDFKit.PDFDocument): void {
  const faces = sharedFaces();
  const d = internals(doc);
  const families = d._fontFamilies;
  if (!faces || !families || typeof d._fontCount !== 'number') {
    const files = documentFonts();
    for (const name of FACE_NAMES) doc.registerFont(name, files[FACE_FILES[name]]);
    return;
  }
  for (const name of FACE_NAMES) {
    const id = `F${(d._fontCount += 1)}`;
    families[name] = new faces.embeddedFont(doc, faceForDocument(faces.faces[name]), id);
  }
}

/** Whether documents share parsed faces (false only if pdfkit's or fontkit's internals changed). */
export function sharesParsedFaces(): boolean {
  return sharedFaces() !== null;
}
