import PDFDocument from 'pdfkit';
import {
  renderCertificatePdf,
  renderCertificateWithLayout,
  type CertificateDocument,
} from '../src/documents/certificate.pdf';
import {
  applySignature,
  organizationSignature,
  personSignature,
  sealPlacement,
  stampsFor,
  withKey,
} from '../src/signing/document-signing';
import { issueCertificate } from '../src/signing/pki';
import { sampleSealPng } from '../src/signing/sample-images';
import {
  renderDecisionPdf,
  renderDecisionWithLayout,
  type DecisionDocument,
} from '../src/documents/decision.pdf';
import { documentFonts } from '../src/documents/fonts';
import { toBuffer } from '../src/documents/pdf-layout';
import { timeIt } from './lib';

/** Bare pdfkit: one A4 landscape page of Vietnamese text in the same embedded font. */
async function barePage(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
  doc.registerFont('regular', documentFonts().regular);
  doc.font('regular').fontSize(28).text('GIẤY CHỨNG NHẬN', { align: 'center' });
  doc
    .fontSize(16)
    .text('Xã Thượng Nông, huyện Na Hang — điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc');
  return toBuffer(doc);
}

const certificate = () => renderCertificatePdf(certificateInput());

const certificateInput = (): CertificateDocument => ({
  kind: 'recognition',
  issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
  placeName: 'Tuyên Quang',
  unitName: 'Xã Thượng Nông',
  districtName: 'Huyện Na Hang',
  achievementYear: 2026,
  decisionNumber: '15/QĐ-UBND',
  decisionDate: '2026-10-15',
  serial: 'TQ-2026-ABCD-EFGH-JKLM',
  registerNumber: null,
  verifyUrl: 'http://localhost:3000/verify/TQ-2026-ABCD-EFGH-JKLM',
  signatureLines: ['CHỦ TỊCH'],
  collective: false,
  signerName: 'Nguyễn Văn Sơn',
});

function decision(units: number): DecisionDocument {
  return {
    kind: 'recognition',
    issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
    placeName: 'Tuyên Quang',
    numberText: '15/QĐ-UBND',
    date: '2026-10-15',
    preparedOn: '2026-10-10',
    signerName: 'Nguyễn Văn Sơn',
    signatureLines: ['CHỦ TỊCH'],
    collective: false,
    achievementYear: 2026,
    criteriaBasis: ['Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ Công an'],
    plans: [],
    legalBases: ['Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025'],
    proposal: null,
    reason: null,
    units: Array.from({ length: units }, (_, i) => ({
      name: `Xã Số ${i + 1}`,
      districtName: `Huyện ${(i % 7) + 1}`,
    })),
  };
}

export interface PdfBench {
  barePageMs: number;
  certificateMs: number;
  decision1000Ms: number;
  /** A certificate rendered and signed by the organization (with its seal), as issued. */
  signedCertificateMs: number;
  /** The văn thư's step on a signed 1,000-unit decision: stamps and the seal as an incremental update. */
  seal1000Ms: number;
}

/** The keys of a bench run: a sample root, a leader and the organization (made once, not measured). */
function benchKeys() {
  const notBefore = new Date(Date.now() - 86400e3);
  const root = issueCertificate({ subject: { commonName: 'Bench CA' }, ca: true, notBefore, years: 2 });
  const leader = issueCertificate({
    subject: { commonName: 'Nguyễn Văn Sơn' },
    issuer: root,
    notBefore,
    years: 1,
  });
  const seal = issueCertificate({ subject: { commonName: 'UBND' }, issuer: root, notBefore, years: 1 });
  return { leader, seal, sealPng: sampleSealPng('ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG') };
}

type Keys = ReturnType<typeof benchKeys>;

async function signedCertificate(keys: Keys): Promise<Buffer> {
  const { bytes, signature, pageHeight } = await renderCertificateWithLayout(certificateInput());
  const layout = { signature, slots: [], pageHeight };
  const request = organizationSignature(
    sealPlacement(layout),
    { organization: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG', place: 'Tuyên Quang' },
    keys.sealPng,
    new Date(),
  );
  return applySignature(bytes, request, keys.seal.chainPem, withKey(keys.seal.keyPem));
}

/** A 1,000-unit decision signed by the leader, and a function that seals it as the văn thư does. */
async function sealOf(keys: Keys) {
  const { bytes, layout } = await renderDecisionWithLayout({
    ...decision(1000),
    numberText: null,
    date: null,
    forSigning: true,
  });
  const signed = await applySignature(
    bytes,
    personSignature(
      layout,
      { name: 'Nguyễn Văn Sơn', position: 'Chủ tịch', place: 'Tuyên Quang' },
      null,
      new Date(),
    ),
    keys.leader.chainPem,
    withKey(keys.leader.keyPem),
  );
  return () =>
    applySignature(
      signed,
      organizationSignature(
        sealPlacement(layout),
        { organization: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG', place: 'Tuyên Quang' },
        keys.sealPng,
        new Date(),
        stampsFor(layout, '15/QĐ-UBND', '2026-10-15'),
      ),
      keys.seal.chainPem,
      withKey(keys.seal.keyPem),
    );
}

async function once(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Render times (median ms): bare pdfkit page and certificate measured alternately, so that both see the
 * same machine load; then the 1,000-unit decision.
 */
export async function benchPdfs(): Promise<PdfBench> {
  const keys = benchKeys();
  const seal = await sealOf(keys);
  await timeIt(3, barePage);
  await timeIt(3, certificate);
  const bare: number[] = [];
  const cert: number[] = [];
  for (let i = 0; i < 60; i++) {
    bare.push(await once(barePage));
    cert.push(await once(certificate));
  }
  return {
    barePageMs: median(bare),
    certificateMs: median(cert),
    decision1000Ms: await timeIt(3, () => renderDecisionPdf(decision(1000))),
    signedCertificateMs: await timeIt(10, () => signedCertificate(keys)),
    seal1000Ms: await timeIt(3, seal),
  };
}
