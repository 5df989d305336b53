import { createHash } from 'node:crypto';
import { documentFonts } from '../documents/fonts';
import { arcTextPolygons, Canvas, outlineFont, textPolygons } from './raster';

/*
 * The demo's signature and seal images, drawn by the product. Both are visibly marked "MẪU" (sample) so
 * that no demo output can pass for a real document; a province configures the real images (README).
 */
const BLUE: [number, number, number] = [20, 55, 170];
const RED: [number, number, number] = [205, 20, 20];

/** Signature images are drawn at this many pixels per point (printed at 120 × 50 pt). */
export const SIGNATURE_SIZE_PT = { width: 120, height: 50 };
/** A round seal of 36 mm, its actual size. */
export const SEAL_DIAMETER_PT = (36 / 25.4) * 72;

/** A seeded pseudo-random sequence, so that each signer's sample signature is their own and stable. */
function seeded(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32BE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 10000) / 10000;
  };
}

/** A blue handwritten-looking flourish with "MẪU" across it (transparent PNG, 4 px per point). */
export function sampleSignaturePng(signerName: string): Buffer {
  const k = 4;
  const w = SIGNATURE_SIZE_PT.width * k;
  const h = SIGNATURE_SIZE_PT.height * k;
  const canvas = new Canvas(w, h);
  const rand = seeded(signerName);
  const points: [number, number][] = [];
  const loops = 4 + Math.floor(rand() * 3);
  for (let i = 0; i <= 240; i++) {
    const t = i / 240;
    const x = w * (0.08 + 0.84 * t);
    const wobble = Math.sin(t * Math.PI * 2 * loops + rand() * 0.2) * h * 0.22;
    const drift = Math.sin(t * Math.PI) * h * 0.12;
    points.push([x + Math.cos(t * Math.PI * 2 * loops) * w * 0.02, h * 0.55 - wobble - drift]);
  }
  canvas.stroke(points, 2.6).paint(BLUE, 0.95);
  // An underline stroke, as signatures often end.
  canvas
    .stroke(
      [
        [w * 0.15, h * 0.82],
        [w * 0.55, h * 0.78],
        [w * 0.9, h * 0.8],
      ],
      2,
    )
    .paint(BLUE, 0.9);
  const bold = outlineFont('bold', documentFonts().bold);
  canvas.fillPolygons(textPolygons(bold, 'MẪU', w / 2, h * 0.62, h * 0.42)).paint(BLUE, 0.35);
  return canvas.png();
}

/** A red round seal: the body's name around, a star, and "MẪU" (transparent PNG, actual size). */
export function sampleSealPng(organizationName: string): Buffer {
  const size = Math.round(SEAL_DIAMETER_PT * 3);
  const c = size / 2;
  const canvas = new Canvas(size, size);
  canvas.ring(c, c, size * 0.455, size * 0.49).paint(RED, 0.92);
  canvas.ring(c, c, size * 0.325, size * 0.34).paint(RED, 0.92);
  const bold = outlineFont('bold', documentFonts().bold);
  canvas
    .fillPolygons(arcTextPolygons(bold, organizationName, [c, c], size * 0.355, size * 0.075, Math.PI * 1.55))
    .paint(RED, 0.92);
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? size * 0.12 : size * 0.048;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    star.push([c + r * Math.cos(a), c * 0.92 + r * Math.sin(a)]);
  }
  canvas.fillPolygons([star]).paint(RED, 0.92);
  canvas.fillPolygons(textPolygons(bold, 'MẪU', c, c + size * 0.2, size * 0.13)).paint(RED, 0.92);
  return canvas.png();
}
