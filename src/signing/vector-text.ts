import { documentFonts } from '../documents/fonts';
import { outlineFont } from './raster';

/*
 * Text drawn as outlines (PDF path operators) from the document font: a signature's appearance can name
 * the organization in Vietnamese without embedding a font in the update that adds it.
 */
const n = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Operators filling `text` with its left end at (x, baseline), `size` points, in the current colour. */
export function vectorText(
  text: string,
  x: number,
  baseline: number,
  size: number,
  face: 'regular' | 'bold' = 'regular',
): string {
  const font = outlineFont(face, face === 'bold' ? documentFonts().bold : documentFonts().regular);
  const run = font.layout(text.normalize('NFC'));
  const scale = size / font.unitsPerEm;
  const ops: string[] = [];
  let pen = x;
  run.glyphs.forEach((glyph, i) => {
    const px = (gx: number) => n(pen + gx * scale);
    const py = (gy: number) => n(baseline + gy * scale);
    let last: [number, number] = [0, 0];
    for (const { command, args } of glyph.path.commands) {
      if (command === 'moveTo') ops.push(`${px(args[0])} ${py(args[1])} m`);
      else if (command === 'lineTo') ops.push(`${px(args[0])} ${py(args[1])} l`);
      else if (command === 'quadraticCurveTo') {
        const [cx, cy, ex, ey] = args;
        const c1 = [last[0] + (2 / 3) * (cx - last[0]), last[1] + (2 / 3) * (cy - last[1])];
        const c2 = [ex + (2 / 3) * (cx - ex), ey + (2 / 3) * (cy - ey)];
        ops.push(`${px(c1[0])} ${py(c1[1])} ${px(c2[0])} ${py(c2[1])} ${px(ex)} ${py(ey)} c`);
      } else if (command === 'bezierCurveTo') {
        ops.push(`${args.map((v, k) => (k % 2 === 0 ? px(v) : py(v))).join(' ')} c`);
      } else if (command === 'closePath') ops.push('h');
      if (args.length >= 2) last = [args[args.length - 2], args[args.length - 1]];
    }
    pen += run.positions[i].xAdvance * scale;
  });
  return ops.length ? `${ops.join('\n')}\nf` : '';
}

/** The width `text` takes at `size` points. */
export function vectorTextWidth(text: string, size: number, face: 'regular' | 'bold' = 'regular'): number {
  const font = outlineFont(face, face === 'bold' ? documentFonts().bold : documentFonts().regular);
  const run = font.layout(text.normalize('NFC'));
  return (run.positions.reduce((s, p) => s + p.xAdvance, 0) * size) / font.unitsPerEm;
}
