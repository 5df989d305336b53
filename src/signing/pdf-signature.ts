import { deflateSync } from 'node:zlib';
import { PDFHexString, PDFName, PDFNumber, PDFString, type PDFRef } from '@cantoo/pdf-lib';
import { PNG } from 'pngjs';
import { renderStampPdf } from '../documents/stamp.pdf';
import { PdfUpdate } from './pdf-update';

/*
 * A PDF signature field prepared as an incremental update, then filled with a CMS signature. The byte
 * range covers the whole file except the hex string that will hold the signature.
 */

/** Room for the CMS (certificates of the chain included), in bytes. */
const SIGNATURE_BYTES = 16384;
const BYTE_RANGE_PLACEHOLDER = '[0 /********** /********** /**********]';

/** A rectangle in PDF user space (origin bottom left): [x1, y1, x2, y2]. */
export type Rect = [number, number, number, number];

export interface Stamp {
  page: number;
  rect: Rect;
  /** ASCII text (digits and "/"): what the văn thư writes into a blank. */
  text: string;
  size: number;
  italic: boolean;
  /** Baseline above the rect's bottom. */
  baseline: number;
  /** A number ends against what follows it ("05/QĐ-UBND"); dates sit centred in their blanks. */
  align: 'center' | 'right';
}

export interface VisibleSignature {
  page: number;
  rect: Rect;
  /** Draws the appearance stream's content in a box of the rect's size; returns the content and its images. */
  images: { png: Buffer; box: Rect }[];
  /** Extra drawing operators (vector text), in the same box. */
  operators?: string;
}

export interface SignatureRequest {
  /** "Chữ ký của người có thẩm quyền", shown by readers. */
  reason: string;
  location: string;
  /** The signer's or the organization's name. */
  name: string;
  signedAt: Date;
  visible?: VisibleSignature;
  /** Filled blanks added in the same update (the number and date given at issue). */
  stamps?: Stamp[];
}

export interface PreparedSignature {
  /** The whole file with a zeroed signature hole. */
  prepared: Buffer;
  byteRange: [number, number, number, number];
}

/** "D:20261202153000+07'00'": a PDF date in Vietnam time. */
export function pdfDate(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${vn.getUTCFullYear()}${p(vn.getUTCMonth() + 1)}${p(vn.getUTCDate())}${p(vn.getUTCHours())}${p(vn.getUTCMinutes())}${p(vn.getUTCSeconds())}+07'00'`;
}

/** "2026-12-02T15:30:00+07:00": ISO 8601 with the Vietnam offset. */
export function isoVietnam(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3600 * 1000);
  return `${vn.toISOString().slice(0, 19)}+07:00`;
}

/** A text string readers show as written (UTF-16BE with its byte order mark). */
const textString = (s: string): string =>
  `<FEFF${Buffer.from(s.normalize('NFC'), 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/** An image XObject with its transparency as a soft mask, from a PNG. */
function imageXObject(u: PdfUpdate, png: Buffer): PDFRef {
  const img = PNG.sync.read(png);
  const rgb = Buffer.alloc(img.width * img.height * 3);
  const alpha = Buffer.alloc(img.width * img.height);
  for (let i = 0; i < img.width * img.height; i++) {
    rgb[i * 3] = img.data[i * 4];
    rgb[i * 3 + 1] = img.data[i * 4 + 1];
    rgb[i * 3 + 2] = img.data[i * 4 + 2];
    alpha[i] = img.data[i * 4 + 3];
  }
  const common = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: img.width,
    Height: img.height,
    BitsPerComponent: 8,
  };
  const mask = u.add(
    u.context.stream(deflateSync(alpha), { ...common, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' }),
  );
  return u.add(
    u.context.stream(deflateSync(rgb), {
      ...common,
      ColorSpace: 'DeviceRGB',
      Filter: 'FlateDecode',
      SMask: mask,
    }),
  );
}

const num = (n: number): string => (Math.round(n * 1000) / 1000).toString();

/** A form XObject of the rect's size showing the images and the extra operators. */
function appearance(u: PdfUpdate, v: VisibleSignature): PDFRef {
  const w = v.rect[2] - v.rect[0];
  const h = v.rect[3] - v.rect[1];
  const xobjects = u.context.obj({});
  const ops: string[] = [];
  v.images.forEach((image, i) => {
    const name = `Im${i}`;
    xobjects.set(PDFName.of(name), imageXObject(u, image.png));
    const [x1, y1, x2, y2] = image.box;
    ops.push(`q ${num(x2 - x1)} 0 0 ${num(y2 - y1)} ${num(x1)} ${num(y1)} cm /${name} Do Q`);
  });
  if (v.operators) ops.push(v.operators);
  const resources = u.context.obj({});
  resources.set(PDFName.of('XObject'), xobjects);
  return u.add(
    u.context.stream(ops.join('\n'), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, w, h],
      Resources: resources,
    }),
  );
}

/** A read-only FreeText annotation whose appearance is the filled blank (the document's font). */
async function stampAnnotation(u: PdfUpdate, s: Stamp): Promise<PDFRef> {
  const w = s.rect[2] - s.rect[0];
  const h = s.rect[3] - s.rect[1];
  const page = await renderStampPdf({ ...s, width: w, height: h });
  const [embedded] = await u.doc.embedPdf(page);
  await embedded.embed();
  const annot = u.context.obj({
    Type: 'Annot',
    Subtype: 'FreeText',
    Rect: s.rect,
    F: 4 + 64 + 128, // print, read-only, locked
    Border: [0, 0, 0],
  });
  annot.set(PDFName.of('DA'), PDFString.of(`/Helv ${num(s.size)} Tf 0 g`));
  annot.set(PDFName.of('Contents'), PDFString.of(s.text));
  annot.set(PDFName.of('AP'), u.context.obj({ N: embedded.ref }));
  return u.add(annot);
}

/** Appends the signature field (and the stamps) as an update, leaving a zeroed hole for the CMS. */
export async function prepareSignature(pdf: Buffer, req: SignatureRequest): Promise<PreparedSignature> {
  const u = await PdfUpdate.open(pdf);
  const pages = u.pages();
  for (const s of req.stamps ?? []) {
    const page = pages[s.page];
    if (!page) throw new Error(`no page ${s.page}`);
    u.annotate(page, await stampAnnotation(u, s));
  }
  const form = u.acroForm();
  const fields = form.lookup(PDFName.of('Fields')) as unknown as { size(): number; push(r: PDFRef): void };
  const placeholder = '0'.repeat(SIGNATURE_BYTES * 2);
  const sigRef = u.addRaw(() =>
    [
      '<<',
      '/Type /Sig',
      '/Filter /Adobe.PPKLite',
      '/SubFilter /ETSI.CAdES.detached',
      `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`,
      `/Contents <${placeholder}>`,
      `/M (${pdfDate(req.signedAt)})`,
      `/Name ${textString(req.name)}`,
      `/Reason ${textString(req.reason)}`,
      `/Location ${textString(req.location)}`,
      '>>',
    ].join('\n'),
  );
  const pageIndex = req.visible?.page ?? 0;
  const page = pages[pageIndex];
  if (!page) throw new Error(`no page ${pageIndex}`);
  const widget = u.context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: req.visible?.rect ?? [0, 0, 0, 0],
    F: 4 + 128, // print, locked
    P: page.ref,
  });
  widget.set(PDFName.of('T'), PDFHexString.fromText(`Chữ ký ${fields.size() + 1}`));
  widget.set(PDFName.of('V'), sigRef);
  if (req.visible) widget.set(PDFName.of('AP'), u.context.obj({ N: appearance(u, req.visible) }));
  else
    widget.set(
      PDFName.of('AP'),
      u.context.obj({
        N: u.add(u.context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] })),
      }),
    );
  const widgetRef = u.add(widget);
  fields.push(widgetRef);
  u.annotate(page, widgetRef);
  void PDFNumber;
  const bytes = u.serialize();
  return fillByteRange(bytes);
}

/** Finds the hole of the last signature dictionary and writes the byte range around it. */
function fillByteRange(bytes: Buffer): PreparedSignature {
  const marker = Buffer.from(`/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, 'latin1');
  const at = bytes.lastIndexOf(marker);
  if (at < 0) throw new Error('signature placeholder missing');
  const contentsAt = bytes.indexOf(Buffer.from('/Contents <', 'latin1'), at);
  const holeStart = contentsAt + '/Contents '.length;
  const holeEnd = holeStart + SIGNATURE_BYTES * 2 + 2;
  const byteRange: [number, number, number, number] = [0, holeStart, holeEnd, bytes.length - holeEnd];
  const text = `[${byteRange.join(' ')}]`;
  if (text.length > BYTE_RANGE_PLACEHOLDER.length) throw new Error('byte range does not fit');
  const out = Buffer.from(bytes);
  out.write(text.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), at + '/ByteRange '.length, 'latin1');
  return { prepared: out, byteRange };
}

/** The bytes a signature covers: everything but the hole. */
export function signedContent(pdf: Buffer, byteRange: readonly number[]): Buffer {
  const [a, b, c, d] = byteRange;
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}

/** Writes the CMS into the hole. Throws if it does not fit. */
export function embedSignature(p: PreparedSignature, cms: Buffer): Buffer {
  const hex = cms.toString('hex').toUpperCase();
  if (hex.length > SIGNATURE_BYTES * 2) throw new Error('signature larger than its placeholder');
  const out = Buffer.from(p.prepared);
  out.write(hex, p.byteRange[1] + 1, 'latin1');
  return out;
}

export interface EmbeddedSignature {
  byteRange: [number, number, number, number];
  cms: Buffer;
  /** /M of the signature dictionary, when present. */
  signedAt: Date | null;
  /** Where the signed revision ends (the bytes a signer saw are the file up to here). */
  revisionEnd: number;
}

/** Every signature in the file, in order, read from the signature dictionaries' byte ranges. */
export function findSignatures(pdf: Buffer): EmbeddedSignature[] {
  const text = pdf.toString('latin1');
  const found: EmbeddedSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const match = m;
    const byteRange = [1, 2, 3, 4].map((i) => Number(match[i])) as [number, number, number, number];
    const [, b, c, d] = byteRange;
    if (c + d > pdf.length || b >= c) continue;
    const hole = text.slice(b, c);
    const hex = /^<([0-9A-Fa-f]*)>$/.exec(hole)?.[1];
    if (hex === undefined) continue;
    const cms = trimDer(Buffer.from(hex, 'hex'));
    const dictEnd = text.indexOf('>>', c);
    const dict = text.slice(Math.max(0, m.index - 400), dictEnd > 0 ? dictEnd : m.index);
    const when = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+\-Z])?(\d{2})?'?(\d{2})?/.exec(dict);
    found.push({ byteRange, cms, signedAt: when ? parsePdfDate(when) : null, revisionEnd: c + d });
  }
  return found.sort((x, y) => x.revisionEnd - y.revisionEnd);
}

function parsePdfDate(m: RegExpExecArray): Date {
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset = sign && sign !== 'Z' ? `${sign}${oh ?? '00'}:${om ?? '00'}` : 'Z';
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
}

/** A hole is zero-padded; the CMS is the DER value at its start. */
function trimDer(buf: Buffer): Buffer {
  if (buf.length < 2 || buf[0] !== 0x30) return buf;
  let len = buf[1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i];
    header = 2 + n;
  }
  return buf.subarray(0, Math.min(buf.length, header + len));
}
