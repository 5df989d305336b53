import * as fontkit from 'fontkit';
import { PNG } from 'pngjs';

/*
 * A small anti-aliased rasterizer for the demo signature and seal images (transparent PNGs). Shapes are
 * filled on a 3× supersampled coverage mask with the nonzero rule, then averaged into the alpha channel.
 * Text comes from the document font's glyph outlines, so Vietnamese letters draw as they print.
 */
const SS = 3;

type Point = [number, number];

export class Canvas {
  private readonly mask: Uint8Array;
  private readonly rgba: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.mask = new Uint8Array(width * SS * height * SS);
    this.rgba = Buffer.alloc(width * height * 4);
  }

  /** Fills closed polygons (pixel coordinates) into the current mask with the nonzero winding rule. */
  fillPolygons(polygons: Point[][]): this {
    const w = this.width * SS;
    const h = this.height * SS;
    const edges: [number, number, number, number, number][] = [];
    for (const poly of polygons) {
      for (let i = 0; i < poly.length; i++) {
        const [x0, y0] = poly[i];
        const [x1, y1] = poly[(i + 1) % poly.length];
        if (y0 === y1) continue;
        edges.push(
          y0 < y1 ? [x0 * SS, y0 * SS, x1 * SS, y1 * SS, 1] : [x1 * SS, y1 * SS, x0 * SS, y0 * SS, -1],
        );
      }
    }
    for (let row = 0; row < h; row++) {
      const y = row + 0.5;
      const hits: [number, number][] = [];
      for (const [x0, y0, x1, y1, dir] of edges) {
        if (y < y0 || y >= y1) continue;
        hits.push([x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), dir]);
      }
      if (!hits.length) continue;
      hits.sort((a, b) => a[0] - b[0]);
      let winding = 0;
      for (let i = 0; i < hits.length - 1; i++) {
        winding += hits[i][1];
        if (winding === 0) continue;
        const from = Math.max(0, Math.ceil(hits[i][0] - 0.5));
        const to = Math.min(w - 1, Math.floor(hits[i + 1][0] - 0.5));
        for (let x = from; x <= to; x++) this.mask[row * w + x] = 1;
      }
    }
    return this;
  }

  /** Marks every point within `radius` pixels of the polyline (a pen stroke). */
  stroke(points: Point[], radius: number): this {
    const w = this.width * SS;
    const r = radius * SS;
    for (let i = 0; i < points.length - 1; i++) {
      const [ax, ay] = [points[i][0] * SS, points[i][1] * SS];
      const [bx, by] = [points[i + 1][0] * SS, points[i + 1][1] * SS];
      const minX = Math.max(0, Math.floor(Math.min(ax, bx) - r));
      const maxX = Math.min(w - 1, Math.ceil(Math.max(ax, bx) + r));
      const minY = Math.max(0, Math.floor(Math.min(ay, by) - r));
      const maxY = Math.min(this.height * SS - 1, Math.ceil(Math.max(ay, by) + r));
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy || 1;
      for (let y = minY; y <= maxY; y++) {
        for (let x = minX; x <= maxX; x++) {
          const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
          const ex = ax + t * dx - x;
          const ey = ay + t * dy - y;
          if (ex * ex + ey * ey <= r * r) this.mask[y * w + x] = 1;
        }
      }
    }
    return this;
  }

  /** A ring between two radii around (cx, cy). */
  ring(cx: number, cy: number, inner: number, outer: number): this {
    const w = this.width * SS;
    for (let y = 0; y < this.height * SS; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.hypot(x + 0.5 - cx * SS, y + 0.5 - cy * SS) / SS;
        if (d >= inner && d <= outer) this.mask[y * w + x] = 1;
      }
    }
    return this;
  }

  /** Paints the mask in a colour (alpha-blended over what is there) and clears it. */
  paint(rgb: [number, number, number], opacity = 1): this {
    const w = this.width * SS;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        let covered = 0;
        for (let sy = 0; sy < SS; sy++)
          for (let sx = 0; sx < SS; sx++) covered += this.mask[(y * SS + sy) * w + x * SS + sx];
        if (!covered) continue;
        const a = (covered / (SS * SS)) * opacity;
        const i = (y * this.width + x) * 4;
        const under = this.rgba[i + 3] / 255;
        const out = a + under * (1 - a);
        for (let c = 0; c < 3; c++)
          this.rgba[i + c] = Math.round((rgb[c] * a + this.rgba[i + c] * under * (1 - a)) / out);
        this.rgba[i + 3] = Math.round(out * 255);
      }
    }
    this.mask.fill(0);
    return this;
  }

  png(): Buffer {
    const png = new PNG({ width: this.width, height: this.height, colorType: 6 });
    this.rgba.copy(png.data);
    return PNG.sync.write(png, { colorType: 6 });
  }
}

type Font = fontkit.Font;
let fonts: Partial<Record<'regular' | 'bold', Font>> = {};

/** The document font's face, parsed once. */
export function outlineFont(face: 'regular' | 'bold', file: Buffer): Font {
  const cached = fonts[face];
  if (cached) return cached;
  const font = fontkit.create(file) as Font;
  fonts = { ...fonts, [face]: font };
  return font;
}

/** A glyph outline flattened to polygons, placed by `place` (font units → pixels). */
function glyphPolygons(glyph: fontkit.Glyph, place: (x: number, y: number) => Point): Point[][] {
  const polygons: Point[][] = [];
  let current: Point[] = [];
  let last: [number, number] = [0, 0];
  const steps = 8;
  for (const { command, args } of glyph.path.commands) {
    if (command === 'moveTo') {
      if (current.length) polygons.push(current);
      current = [place(args[0], args[1])];
      last = [args[0], args[1]];
    } else if (command === 'lineTo') {
      current.push(place(args[0], args[1]));
      last = [args[0], args[1]];
    } else if (command === 'quadraticCurveTo') {
      const [cx, cy, x, y] = args;
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        const u = 1 - t;
        current.push(
          place(u * u * last[0] + 2 * u * t * cx + t * t * x, u * u * last[1] + 2 * u * t * cy + t * t * y),
        );
      }
      last = [x, y];
    } else if (command === 'bezierCurveTo') {
      const [c1x, c1y, c2x, c2y, x, y] = args;
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        const u = 1 - t;
        current.push(
          place(
            u * u * u * last[0] + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x,
            u * u * u * last[1] + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y,
          ),
        );
      }
      last = [x, y];
    } else if (command === 'closePath') {
      if (current.length) polygons.push(current);
      current = [];
    }
  }
  if (current.length) polygons.push(current);
  return polygons;
}

/** Polygons of a line of text, centred on (cx, baseline), `size` pixels high. */
export function textPolygons(
  font: Font,
  text: string,
  cx: number,
  baseline: number,
  size: number,
): Point[][] {
  const run = font.layout(text.normalize('NFC'));
  const scale = size / font.unitsPerEm;
  const total = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
  let pen = cx - total / 2;
  const out: Point[][] = [];
  run.glyphs.forEach((g, i) => {
    const origin = pen;
    out.push(...glyphPolygons(g, (x, y) => [origin + x * scale, baseline - y * scale]));
    pen += run.positions[i].xAdvance * scale;
  });
  return out;
}

/** Polygons of text set along a circle's upper arc (as round seals carry their body's name). */
export function arcTextPolygons(
  font: Font,
  text: string,
  center: Point,
  radius: number,
  size: number,
  spanRadians: number,
): Point[][] {
  const run = font.layout(text.normalize('NFC'));
  const scale = size / font.unitsPerEm;
  const total = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
  // Letters are spread evenly over the span, each upright towards the centre.
  const stretch = (spanRadians * radius) / total;
  let along = -total / 2;
  const out: Point[][] = [];
  run.glyphs.forEach((g, i) => {
    const advance = run.positions[i].xAdvance * scale;
    const mid = (along + advance / 2) * stretch;
    const angle = mid / radius; // 0 at the top, clockwise positive
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const half = advance / 2;
    out.push(
      ...glyphPolygons(g, (x, y) => {
        // Glyph coordinates around its own centre on the baseline, rotated onto the circle.
        const gx = x * scale - half;
        const gy = y * scale;
        const px = gx * cos + (radius + gy) * sin;
        const py = -(gx * -sin + (radius + gy) * cos);
        return [center[0] + px, center[1] + py];
      }),
    );
    along += advance;
  });
  return out;
}
