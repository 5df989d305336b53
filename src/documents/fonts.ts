import fs from 'node:fs';
import path from 'node:path';

/**
 * Tinos (from @expo-google-fonts/tinos, whole TrueType files): metric-compatible with Times New Roman, as
 * Nghị định 30/2020 asks, with every Vietnamese letter. Loaded once; pdfkit embeds only the glyphs used.
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
  const dir = path.dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
  const read = (face: string): Buffer => fs.readFileSync(path.join(dir, face, `Tinos_${face}.ttf`));
  cached = {
    regular: read('400Regular'),
    bold: read('700Bold'),
    italic: read('400Regular_Italic'),
    boldItalic: read('700Bold_Italic'),
  };
  return cached;
}
