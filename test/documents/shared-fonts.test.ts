import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { renderCertificatePdf, type CertificateDocument } from '../../src/documents/certificate.pdf';
import { documentFonts } from '../../src/documents/fonts';
import { toBuffer } from '../../src/documents/pdf-layout';
import { addDocumentFonts, sharesParsedFaces } from '../../src/documents/shared-fonts';
import { pdfFonts, pdfText } from '../helpers/pdf';

const certificate = (unitName: string, serial: string): CertificateDocument => ({
  kind: 'recognition',
  issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
  placeName: 'Tuyên Quang',
  unitName,
  districtName: 'Huyện Na Hang',
  achievementYear: 2026,
  decisionNumber: '15/QĐ-UBND',
  decisionDate: '2026-10-15',
  serial,
  registerNumber: null,
  verifyUrl: `http://localhost:3000/verify/${serial}`,
  signatureLines: ['CHỦ TỊCH'],
  collective: false,
  signerName: 'Nguyễn Văn Sơn',
});

/** One page in one face, through the shared faces or through pdfkit's own registration. */
async function page(text: string, shared: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date('2026-10-15T00:00:00Z') } });
  if (shared) addDocumentFonts(doc);
  else doc.registerFont('regular', documentFonts().regular);
  doc.font('regular').fontSize(14).text(text);
  return toBuffer(doc);
}

describe('font faces shared between documents', () => {
  it('are in use with this pdfkit (a pdfkit upgrade that moves its internals fails here)', () => {
    expect(sharesParsedFaces()).toBe(true);
  });

  it('give each document its own subset: later documents keep letters earlier ones never used', async () => {
    const first = await renderCertificatePdf(certificate('Xã Thượng Nông', 'TQ-2026-AAAA-BBBB-CCCC'));
    const second = await renderCertificatePdf(
      certificate('Phường Ỷ La, Quỹ Đức, Ữ Ẵ', 'TQ-2026-DDDD-EEEE-FFFF'),
    );
    expect(pdfText(first)).toContain('Xã Thượng Nông');
    expect(pdfText(first)).not.toContain('Ỷ La');
    expect(pdfText(second)).toContain('Phường Ỷ La, Quỹ Đức, Ữ Ẵ');
    expect(pdfText(second)).not.toContain('Thượng Nông');
    for (const f of pdfFonts(second)) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.subset, f.name).toBe(true);
    }
  });

  it('make the same bytes as pdfkit registering the file itself, whatever was rendered before', async () => {
    const texts = [
      'Giấy chứng nhận điển hình — Ủy ban nhân dân tỉnh Tuyên Quang',
      'aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY',
      'àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ',
      'ÀÁẢÃẠ ẰẮẲẴẶ ẦẤẨẪẬ ÈÉẺẼẸ ỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ỒỐỔỖỘ ỜỚỞỠỢ ÙÚỦŨỤ ỪỨỬỮỰ ỲÝỶỸỴ',
      'office affine fjord — “Số: 15/QĐ-UBND”, 0123456789 %‰ № § ½',
    ];
    const own = await Promise.all(texts.map((text) => page(text, false)));
    // Forwards, then backwards: each text follows documents that used different letters.
    for (const order of [texts.keys(), [...texts.keys()].reverse()]) {
      for (const i of order) {
        const shared = await page(texts[i], true);
        expect(pdfText(shared).trim()).toBe(pdfText(own[i]).trim());
        expect(shared.equals(own[i]), texts[i]).toBe(true);
      }
    }
    expect(pdfText(own[0])).toContain(texts[0]);
  });

  it('render the same certificate to the same bytes before and after other documents', async () => {
    const d = certificate('Xã Thượng Nông', 'TQ-2026-AAAA-BBBB-CCCC');
    const before = await renderCertificatePdf(d);
    await renderCertificatePdf(certificate('Thị trấn Ỵ Ỹ Ẫ', 'TQ-2026-GGGG-HHHH-JJJJ'));
    expect((await renderCertificatePdf(d)).equals(before)).toBe(true);
  });
});
