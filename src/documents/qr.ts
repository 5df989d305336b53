import QRCode from 'qrcode';
import type { Doc } from './pdf-layout';

/** Draws a QR code of `text` as vector squares (crisp at any zoom, byte-for-byte deterministic). */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  // One rectangle per horizontal run of dark modules: a third of the path operators of one per module.
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      let end = c;
      while (end + 1 < modules.size && modules.get(r, end + 1)) end += 1;
      doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, (end - c + 1) * cell, cell);
      c = end;
    }
  }
  doc.fill();
  doc.restore();
}
