import fs from 'node:fs';
import path from 'node:path';

/**
 * DejaVu Serif (from the dejavu-fonts-ttf package): a Times-like serif TrueType font with every Vietnamese
 * letter. Loaded once; pdfkit embeds only the glyphs used (subset).
 */
export interface FontSet {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
  boldItalic: Buffer;
}

let cached: FontSet | undefined;

/** The embedded fonts, read from disk on first use. */
export function documentFonts(): FontSet {
  if (cached) return cached;
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const read = (name: string): Buffer => fs.readFileSync(path.join(dir, name));
  cached = {
    regular: read('DejaVuSerif.ttf'),
    bold: read('DejaVuSerif-Bold.ttf'),
    italic: read('DejaVuSerif-Italic.ttf'),
    boldItalic: read('DejaVuSerif-BoldItalic.ttf'),
  };
  return cached;
}
