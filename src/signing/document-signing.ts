import { createHash, sign } from 'node:crypto';
import type { PageBox } from '../documents/pdf-layout';
import type { Slot } from '../documents/slots';
import { vnLongDate } from '../documents/vn-format';
import { assembleCms, bytesToSign, signedAttributes } from './cms';
import {
  embedSignature,
  isoVietnam,
  prepareSignature,
  signedContent,
  type Rect,
  type SignatureRequest,
  type Stamp,
} from './pdf-signature';
import { SEAL_DIAMETER_PT, SIGNATURE_SIZE_PT } from './sample-images';
import { vectorText, vectorTextWidth } from './vector-text';

/*
 * The two signatures of an electronic document (Nghị định 30/2020, Phụ lục I, Phần II): the competent
 * person's — their signature image centred between position and name — then the organization's, added by
 * the văn thư with the number and date — the seal over the left third of the signature image, with the
 * organization's name and the signing time.
 */

/** Computes a signature value over the bytes given (an RSA PKCS#1 v1.5 SHA-256 signature). */
export type SignatureFunction = (toSign: Buffer) => Promise<Buffer>;

/** A key held here. */
export const withKey =
  (keyPem: string): SignatureFunction =>
  async (toSign) =>
    sign('sha256', toSign, keyPem);

/** Where a signature sits, in PDF coordinates. */
export interface Placement {
  page: number;
  rect: Rect;
}

/** The layout a renderer reports (pdfkit coordinates from the top). */
export interface SignableLayout {
  signature: PageBox;
  slots: Slot[];
  pageHeight: number;
}

/** The leader's signature image: centred between the position and the name. */
export function signaturePlacement(layout: SignableLayout): Placement {
  const { width, height } = SIGNATURE_SIZE_PT;
  const s = layout.signature;
  const x = s.x + (s.width - width) / 2;
  const top = s.top + (s.height - height) / 2;
  return { page: s.page, rect: [x, layout.pageHeight - top - height, x + width, layout.pageHeight - top] };
}

const CAPTION_SIZE = 5.5;

/** The seal, actual size, over the left third of the signature image, its caption below it. */
export function sealPlacement(layout: SignableLayout): Placement {
  const sig = signaturePlacement(layout).rect;
  const d = SEAL_DIAMETER_PT;
  const cx = sig[0] + (sig[2] - sig[0]) / 6;
  const cy = (sig[1] + sig[3]) / 2;
  const caption = CAPTION_SIZE * 2.6;
  return { page: layout.signature.page, rect: [cx - d / 2, cy - d / 2 - caption, cx + d / 2, cy + d / 2] };
}

/** The number and the date the văn thư gives, written into the blanks the signed revision left. */
export function stampsFor(layout: SignableLayout, numberText: string, issuedAt: string): Stamp[] {
  const number = numberText.split('/')[0];
  const [, day, month, year] = /ngày (\d+) tháng (\d+) năm (\d+)/.exec(vnLongDate(issuedAt)) ?? [];
  const [y, m, d] = issuedAt.split('-');
  const values: Record<Slot['name'], string> = { number, day, month, year, shortDate: `${d}/${m}/${y}` };
  return layout.slots.map((slot) => {
    const height = slot.size * 1.3;
    return {
      page: slot.page,
      rect: [
        slot.x,
        layout.pageHeight - slot.top - height,
        slot.x + slot.width,
        layout.pageHeight - slot.top,
      ],
      text: values[slot.name],
      size: slot.size,
      italic: slot.italic,
      baseline: height - slot.baseline,
      align: slot.name === 'number' ? 'right' : 'center',
    };
  });
}

/** Prepares, signs and embeds one signature; the result is the document with that revision appended. */
export async function applySignature(
  pdf: Buffer,
  request: SignatureRequest,
  chainPem: string[],
  signValue: SignatureFunction,
): Promise<Buffer> {
  const prepared = await prepareSignature(pdf, request);
  const digest = createHash('sha256').update(signedContent(prepared.prepared, prepared.byteRange)).digest();
  const attrs = signedAttributes(digest, chainPem[0]);
  const value = await signValue(bytesToSign(attrs));
  return embedSignature(prepared, assembleCms(chainPem, attrs, value));
}

/** The leader's signature request: visible with their image when they have one. */
export function personSignature(
  layout: SignableLayout,
  who: { name: string; position: string; place: string },
  image: Buffer | null,
  at: Date,
): SignatureRequest {
  const placement = signaturePlacement(layout);
  const { width, height } = SIGNATURE_SIZE_PT;
  return {
    name: who.name,
    reason: `${who.position} ký ban hành`,
    location: who.place,
    signedAt: at,
    visible: { ...placement, images: image ? [{ png: image, box: [0, 0, width, height] }] : [] },
  };
}

/** The organization's signature request: the seal and its caption (name, ISO 8601 time in Vietnam). */
export function organizationSignature(
  placement: Placement,
  who: { organization: string; place: string },
  seal: Buffer | null,
  at: Date,
  stamps: Stamp[] = [],
): SignatureRequest {
  const [x1, y1, x2, y2] = placement.rect;
  const w = x2 - x1;
  const d = SEAL_DIAMETER_PT;
  const lines = [who.organization, isoVietnam(at)];
  const ops = lines
    .map((line, i) => {
      const width = vectorTextWidth(line, CAPTION_SIZE);
      return vectorText(
        line,
        Math.max(0, (w - width) / 2),
        CAPTION_SIZE * (1.4 - i * 1.2) + CAPTION_SIZE * 0.2,
        CAPTION_SIZE,
      );
    })
    .join('\n');
  return {
    name: who.organization,
    reason: 'Văn thư cấp số, ngày và đóng dấu',
    location: who.place,
    signedAt: at,
    stamps,
    visible: {
      ...placement,
      images: seal ? [{ png: seal, box: [(w - d) / 2, y2 - y1 - d, (w + d) / 2, y2 - y1] }] : [],
      operators: `q 0.8 0 0 rg\n${ops}\nQ`,
    },
  };
}
