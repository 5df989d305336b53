import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';

function withTempPdf<T>(bytes: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dienhinh-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, bytes);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext (poppler) extracts it, NFC-normalized, whitespace collapsed. */
export function pdfText(bytes: Buffer): string {
  return withTempPdf(bytes, (file) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  )
    .normalize('NFC')
    .replace(/\s+/g, ' ');
}

/** The text of each page of a PDF, in order (pdftotext page by page, whitespace collapsed). */
export function pdfPages(bytes: Buffer): string[] {
  return withTempPdf(bytes, (file) => {
    const count = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0,
    );
    return Array.from({ length: count }, (_, i) =>
      execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', file, '-'], {
        encoding: 'utf8',
      })
        .normalize('NFC')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  });
}

/** The text of a PDF as laid out, line by line (pdftotext -layout), each line trimmed. */
export function pdfLines(bytes: Buffer): string[] {
  return withTempPdf(bytes, (file) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  )
    .normalize('NFC')
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '));
}

/** Fonts listed by pdffonts: name, whether embedded, whether subset. */
export function pdfFonts(bytes: Buffer): { name: string; embedded: boolean; subset: boolean }[] {
  const out = withTempPdf(bytes, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      const [emb, sub] = cols.slice(-5, -3);
      return { name: cols[0], embedded: emb === 'yes', subset: sub === 'yes' };
    });
}

export function pdfPageCount(bytes: Buffer): number {
  const info = withTempPdf(bytes, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Renders page 1 with pdftoppm and decodes the QR code printed on it. */
export function decodeQrOnFirstPage(bytes: Buffer): string | undefined {
  const ppm = withTempPdf(bytes, (file) =>
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', file], { maxBuffer: 64 << 20 }),
  );
  // Binary PPM (P6): "P6\n<w> <h>\n<max>\n" then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'));
  if (!header) return undefined;
  const [, w, h] = header.map(Number);
  const rgb = ppm.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    rgba[i * 4] = rgb[i * 3];
    rgba[i * 4 + 1] = rgb[i * 3 + 1];
    rgba[i * 4 + 2] = rgb[i * 3 + 2];
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, w, h)?.data;
}
