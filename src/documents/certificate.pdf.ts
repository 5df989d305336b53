import { createDoc, currentPage, rule, toBuffer, write, type Doc, type PageBox } from './pdf-layout';
import { drawQr } from './qr';
import { authorityLine } from './signature-block';
import { vnLongDate, vnShortDate } from './vn-format';

export interface CertificateDocument {
  kind: 'recognition' | 'award';
  /** "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" */
  issuerName: string;
  placeName: string;
  unitName: string;
  districtName: string | null;
  achievementYear: number;
  decisionNumber: string;
  decisionDate: string;
  serial: string;
  registerNumber: number | null;
  verifyUrl: string;
  signerName: string;
  /** The signature block's position lines (src/documents/signature-block.ts). */
  signatureLines: string[];
  /** Whether the collective body decided (province configuration); otherwise the Chairman's own act. */
  collective: boolean;
  /** Set once the recognition or award was revoked: the revoking decision. */
  revoked?: { numberText: string; date: string } | null;
}

function frame(doc: Doc): void {
  const m = 22;
  doc
    .save()
    .lineWidth(3)
    .strokeColor('#8b0000')
    .rect(m, m, doc.page.width - 2 * m, doc.page.height - 2 * m)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(m + 6, m + 6, doc.page.width - 2 * m - 12, doc.page.height - 2 * m - 12)
    .stroke()
    .restore();
  doc.strokeColor('#000000');
}

/** "Xã Thượng Nông, huyện Na Hang": the unit in full, its district in lower case as in running text. */
function unitInFull(d: CertificateDocument): string {
  if (!d.districtName) return d.unitName;
  return `${d.unitName}, ${d.districtName.charAt(0).toLowerCase()}${d.districtName.slice(1)}`;
}

function footer(doc: Doc, d: CertificateDocument): PageBox {
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const qrSize = 96;
  const top = doc.page.height - doc.page.margins.bottom - 150;
  drawQr(doc, d.verifyUrl, left, top, qrSize);
  doc.y = top + qrSize + 4;
  write(doc, `Số hiệu: ${d.serial}`, { size: 10, x: left, width: 260 });
  write(doc, 'Quét mã để tra cứu tính xác thực', { font: 'italic', size: 9, x: left, width: 260 });
  const textX = left + qrSize + 14;
  doc.y = top + 8;
  write(doc, `Quyết định số ${d.decisionNumber}`, { size: 12, x: textX, width: 240 });
  write(doc, `ngày ${vnShortDate(d.decisionDate)}`, { size: 12, x: textX, width: 240 });
  if (d.registerNumber !== null)
    write(doc, `Số sổ vàng: ${d.registerNumber}`, { size: 12, x: textX, width: 240 });
  const signX = left + usable * 0.55;
  const signW = usable * 0.45;
  doc.y = top - 10;
  write(doc, `${d.placeName}, ${vnLongDate(d.decisionDate)}`, {
    font: 'italic',
    size: 13,
    align: 'center',
    x: signX,
    width: signW,
  });
  // The same block as the decision's: from the signer's position (a Vice-Chairman signs "KT. CHỦ TỊCH").
  for (const line of d.signatureLines) {
    write(doc, line, { font: 'bold', size: 13, align: 'center', x: signX, width: signW });
  }
  const signatureTop = doc.y;
  doc.moveDown(3.5);
  const signature = {
    page: currentPage(doc),
    x: signX,
    top: signatureTop,
    width: signW,
    height: doc.y - signatureTop,
  };
  write(doc, d.signerName, { font: 'bold', size: 14, align: 'center', x: signX, width: signW });
  return signature;
}

/** Draws one certificate (or award) on the current page. */
function drawCertificate(doc: Doc, d: CertificateDocument): PageBox {
  frame(doc);
  doc.y = doc.page.margins.top + 6;
  write(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { font: 'bold', size: 13, align: 'center' });
  write(doc, 'Độc lập - Tự do - Hạnh phúc', { font: 'bold', size: 14, align: 'center' });
  // As on the decision: the motto's rule is as long as the motto.
  doc.font('bold').fontSize(14);
  rule(doc, doc.page.width / 2, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
  doc.moveDown(0.6);
  // The authority follows the province's configuration, as the decision's does: the Chairman's own act
  // reads "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", the collective body's "ỦY BAN NHÂN DÂN TỈNH …".
  write(doc, authorityLine(d.issuerName, d.collective), {
    font: 'bold',
    size: 16,
    align: 'center',
    gap: 0.3,
  });
  if (d.kind === 'award') {
    write(doc, 'TẶNG', { font: 'bold', size: 16, align: 'center', gap: 0.3 });
    write(doc, 'BẰNG KHEN', { font: 'bold', size: 34, align: 'center', gap: 0.4 });
  } else {
    write(doc, 'GIẤY CHỨNG NHẬN', { font: 'bold', size: 34, align: 'center', gap: 0.4 });
  }
  write(doc, unitInFull(d), { font: 'bold', size: 22, align: 'center', gap: 0.5 });
  const line =
    d.kind === 'award'
      ? `Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${d.achievementYear}`
      : `Đạt tiêu chí điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${d.achievementYear}`;
  write(doc, line, { font: 'italic', size: 16, align: 'center', gap: 0.3 });
  if (d.kind === 'recognition') {
    write(doc, `Theo Quyết định số ${d.decisionNumber} ngày ${vnShortDate(d.decisionDate)}`, {
      size: 14,
      align: 'center',
    });
  }
  const signature = footer(doc, d);
  if (d.revoked) revokedMark(doc, d.revoked);
  return signature;
}

/**
 * A revoked certificate is never served as if valid: a red frame across the page names the revocation
 * decision (the same serial then verifies as revoked).
 */
function revokedMark(doc: Doc, revoked: { numberText: string; date: string }): void {
  const w = 520;
  const h = 90;
  const x = (doc.page.width - w) / 2;
  const y = doc.page.height / 2 - h / 2;
  doc.save();
  doc.lineWidth(4).strokeColor('#c00000').rect(x, y, w, h).stroke();
  doc.fillColor('#c00000');
  doc.y = y + 12;
  write(doc, 'ĐÃ THU HỒI', { font: 'bold', size: 30, align: 'center', x, width: w });
  write(doc, `theo Quyết định số ${revoked.numberText} ngày ${vnShortDate(revoked.date)}`, {
    font: 'bold',
    size: 14,
    align: 'center',
    x,
    width: w,
  });
  doc.restore();
  doc.fillColor('#000000');
}

/**
 * Renders a certificate (Giấy chứng nhận) of a recognized unit, or an award (Bằng khen) of an awarded one:
 * A4 landscape, national title, issuer, unit, year, decision, serial and a QR code of the verification URL.
 */
export async function renderCertificatePdf(d: CertificateDocument): Promise<Buffer> {
  return renderCertificatesPdf([d]);
}

/** One certificate and where its signature block is (for the organization's seal). */
export async function renderCertificateWithLayout(
  d: CertificateDocument,
): Promise<{ bytes: Buffer; signature: PageBox; pageHeight: number }> {
  const doc = createDoc({
    title: `${d.kind === 'award' ? 'Bằng khen' : 'Giấy chứng nhận'} ${d.serial}`,
    date: d.decisionDate,
    landscape: true,
  });
  const signature = drawCertificate(doc, d);
  return { bytes: await toBuffer(doc), signature, pageHeight: doc.page.height };
}

/** Several certificates of one decision in one PDF, a page each (for printing them all at once). */
export async function renderCertificatesPdf(list: CertificateDocument[]): Promise<Buffer> {
  const first = list[0];
  if (!first) throw new Error('renderCertificatesPdf needs at least one certificate');
  const title = first.kind === 'award' ? 'Bằng khen' : 'Giấy chứng nhận';
  const name =
    list.length === 1 ? `${title} ${first.serial}` : `${title} — Quyết định số ${first.decisionNumber}`;
  const doc = createDoc({ title: name, date: first.decisionDate, landscape: true });
  list.forEach((d, i) => {
    if (i > 0) doc.addPage();
    drawCertificate(doc, d);
  });
  return toBuffer(doc);
}
