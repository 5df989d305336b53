import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCertificatePdf } from '../../src/documents/certificate.pdf';
import { renderDecisionPdf, type DecisionDocument } from '../../src/documents/decision.pdf';
import { renderScoreSheetPdf } from '../../src/documents/score-sheet.pdf';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { issueDecision } from '../helpers/decisions';
import { decodeQrOnFirstPage, pdfFonts, pdfLines, pdfPageCount, pdfPages, pdfText } from '../helpers/pdf';
import { binary } from '../helpers/http';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let flow: DossierFlow;
let decisionId: string;
const signedAt = () => t.now().toISOString().slice(0, 10);
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

async function download(username: string, path: string): Promise<Buffer> {
  const res = await binary((await t.as(username)).get(path));
  expect(res.status, path).toBe(200);
  expect(res.headers['content-type']).toContain('application/pdf');
  return res.body as Buffer;
}

beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
  decisionId = (await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] })).id;
});
afterAll(async () => {
  await t.close();
});

describe('the decision PDF (Nghị định 30 layout)', () => {
  it('reads back with every part of the formal layout, in Vietnamese', async () => {
    const text = pdfText(await download('noivu', `/api/decisions/${decisionId}/pdf`));
    const year = signedAt().slice(0, 4);
    for (const expected of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH TUYÊN QUANG',
      'Số: 01/QĐ-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Tuyên Quang, ngày',
      'QUYẾT ĐỊNH',
      `Về việc công nhận xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${year}`,
      'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
      'Xét đề nghị của Sở Nội vụ tại Tờ trình số 15/TTr-SNV ngày',
      'QUYẾT ĐỊNH:',
      'Điều 1. Công nhận 1 đơn vị đạt tiêu chí điển hình',
      'xã Thượng Nông, huyện Na Hang',
      'Điều 2.',
      'Điều 3. Quyết định này có hiệu lực kể từ ngày ký.',
      'Nơi nhận:',
      'CHỦ TỊCH',
      'Nguyễn Văn Sơn',
    ]) {
      expect(text).toContain(expected);
    }
    // The Chairman's own act: no "TM." over his name.
    expect(text).not.toContain('TM. ỦY BAN NHÂN DÂN');
  });

  it('a Vice-Chairman signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" on two lines, on the decision and its certificate', async () => {
    const other = await new DossierFlow(t, { unit: 'yenlam', district: 'hamyen' }).advanceTo(
      'awaiting_decision',
    );
    const issued = await issueDecision(
      t,
      { kind: 'recognition', dossierIds: [other.id] },
      { signer: 'phochutich' },
    );
    expect(issued.number).toBe('02/QĐ-UBND');
    const lines = pdfLines(await download('noivu', `/api/decisions/${issued.id}/pdf`));
    const kt = lines.findIndex((l) => l.includes('KT. CHỦ TỊCH'));
    expect(kt, lines.join('\n')).toBeGreaterThan(0);
    expect(lines[kt]).not.toContain('PHÓ CHỦ TỊCH'); // two lines, never one
    expect(lines[kt + 1]).toContain('PHÓ CHỦ TỊCH');
    expect(lines.join('\n')).not.toMatch(/TM\. ỦY BAN NHÂN DÂN/);
    const certificate = pdfText(await download('yenlam', `/api/dossiers/${other.id}/certificate.pdf`));
    expect(certificate).toContain('KT. CHỦ TỊCH');
    expect(certificate).toContain('PHÓ CHỦ TỊCH');
    expect(certificate).toContain('Hoàng Việt Phương');
    expect(certificate).toContain('Theo Quyết định số 02/QĐ-UBND');
  });

  it('embeds the Vietnamese TrueType font as subsets, and nothing else', async () => {
    const fonts = pdfFonts(await download('noivu', `/api/decisions/${decisionId}/pdf`));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+Tinos/);
      expect(f).toMatchObject({ embedded: true, subset: true });
    }
  });

  it('gives the same bytes on every download', async () => {
    const a = await download('noivu', `/api/decisions/${decisionId}/pdf`);
    t.setNow(new Date(t.now().getTime() + 3 * 24 * 3600 * 1000));
    const b = await download('thuongnong', `/api/decisions/${decisionId}/pdf`);
    expect(Buffer.compare(a, b)).toBe(0);
    const c1 = await download('thuongnong', `/api/dossiers/${flow.id}/certificate.pdf`);
    const c2 = await download('bcd138', `/api/dossiers/${flow.id}/certificate.pdf`);
    expect(Buffer.compare(c1, c2)).toBe(0);
  });

  it('paginates a 1,000-unit decision cleanly with an annex table', async () => {
    const doc: DecisionDocument = {
      kind: 'recognition',
      numberText: '15/QĐ-UBND',
      date: '2025-10-15',
      preparedOn: '2025-10-10',
      signerName: 'Nguyễn Văn Sơn',
      signatureLines: ['CHỦ TỊCH'],
      collective: false,
      issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      placeName: 'Tuyên Quang',
      achievementYear: 2025,
      criteriaBasis: [],
      plans: [],
      legalBases: ['Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025'],
      proposal: null,
      reason: null,
      units: Array.from({ length: 1000 }, (_, i) => ({
        name: `Xã Thử Nghiệm ${i + 1}`,
        districtName: 'Huyện Hàm Yên',
      })),
    };
    const bytes = await renderDecisionPdf(doc);
    const pages = pdfPageCount(bytes);
    expect(pages).toBeGreaterThan(20);
    const text = pdfText(bytes);
    expect(text).toContain('(có danh sách kèm theo)');
    expect(text).toContain('DANH SÁCH ĐƠN VỊ ĐƯỢC CÔNG NHẬN');
    expect(text).toContain('Xã Thử Nghiệm 1 ');
    expect(text).toContain('Xã Thử Nghiệm 1000');
    // The header row repeats on every annex page.
    expect(text.split('Tên đơn vị').length - 1).toBeGreaterThanOrEqual(pages - 2);
    // The annex is numbered on its own: its first page bears no number, its second "2"; the decision's
    // own second page "2"; the signature page carries the last article with the signature block.
    const byPage = pdfPages(bytes);
    const annexStart = byPage.findIndex((p) => p.includes('DANH SÁCH ĐƠN VỊ ĐƯỢC CÔNG NHẬN'));
    expect(annexStart).toBeGreaterThan(0);
    expect(byPage[annexStart]).not.toMatch(/^\d+ /);
    expect(byPage[annexStart + 1]).toMatch(/^2 /);
    const signaturePage = byPage[annexStart - 1];
    expect(signaturePage).toContain('Điều 3.');
    expect(signaturePage).toContain('Nơi nhận:');
    expect(signaturePage).toContain('Nguyễn Văn Sơn');
  });
});

describe('units in a decision', () => {
  it('lists district-managed units by district and province-managed ones by kind, never under a city', async () => {
    const bytes = await renderDecisionPdf({
      kind: 'recognition',
      numberText: '07/QĐ-UBND',
      date: '2026-10-15',
      preparedOn: '2026-10-10',
      signerName: 'Nguyễn Văn Sơn',
      signatureLines: ['CHỦ TỊCH'],
      collective: false,
      issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      placeName: 'Tuyên Quang',
      achievementYear: 2026,
      legalBases: [],
      criteriaBasis: [],
      plans: [],
      proposal: null,
      reason: null,
      units: [
        { name: 'Trường THPT Chuyên Tuyên Quang', districtName: null, unitType: 'school' },
        { name: 'Xã Yên Lâm', districtName: 'Huyện Hàm Yên', unitType: 'commune' },
        { name: 'Sở Tư pháp', districtName: null, unitType: 'agency' },
        { name: 'Xã Thượng Nông', districtName: 'Huyện Na Hang', unitType: 'commune' },
        { name: 'Xã Linh Phú', districtName: 'Huyện Chiêm Hóa', unitType: 'commune' },
        { name: 'Xã Tri Phú', districtName: 'Huyện Chiêm Hóa', unitType: 'commune' },
      ],
    });
    const annex = pdfPages(bytes).find((p) => p.includes('DANH SÁCH ĐƠN VỊ ĐƯỢC CÔNG NHẬN')) ?? '';
    expect(annex).toContain('Cơ sở giáo dục thuộc tỉnh quản lý');
    expect(annex).toContain('Cơ quan thuộc tỉnh quản lý');
    expect(annex.indexOf('Xã Linh Phú')).toBeLessThan(annex.indexOf('Xã Yên Lâm')); // Chiêm Hóa before Hàm Yên
    expect(annex.indexOf('Xã Thượng Nông')).toBeLessThan(annex.indexOf('Sở Tư pháp')); // districts first
    expect(annex.indexOf('Sở Tư pháp')).toBeLessThan(annex.indexOf('Trường THPT')); // agencies before schools
  });
});

describe('the certificate', () => {
  it('reads back with the unit, year, decision and serial, and its QR code opens the verification page', async () => {
    const d = (await flow.get()) as unknown as { certificate: { serial: string } };
    const bytes = await download('thuongnong', `/api/dossiers/${flow.id}/certificate.pdf`);
    const text = pdfText(bytes);
    const year = signedAt().slice(0, 4);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      // The recognition is the Chairman's own act (the province's default configuration).
      'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      'GIẤY CHỨNG NHẬN',
      'Xã Thượng Nông, huyện Na Hang',
      `Đạt tiêu chí điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${year}`,
      'Theo Quyết định số 01/QĐ-UBND ngày',
      d.certificate.serial,
    ]) {
      expect(text).toContain(expected);
    }
    expect(decodeQrOnFirstPage(bytes)).toBe(`${t.ctx.config.publicUrl}/verify/${d.certificate.serial}`);
  });

  it('is 404 for a dossier that has not been recognized, and outside jurisdiction', async () => {
    const other = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    expect((await (await t.as('linhphu')).get(`/api/dossiers/${other.id}/certificate.pdf`)).status).toBe(404);
    expect((await (await t.as('linhphu')).get(`/api/dossiers/${flow.id}/certificate.pdf`)).status).toBe(404);
  });

  it('takes its authority line and signature block from the configuration, as the decision does', async () => {
    const base = {
      kind: 'recognition' as const,
      issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      placeName: 'Tuyên Quang',
      unitName: 'Xã Thượng Nông',
      districtName: 'Huyện Na Hang',
      achievementYear: 2026,
      decisionNumber: '05/QĐ-UBND',
      decisionDate: '2026-10-15',
      serial: 'TQ-2026-AAAA-BBBB-CCCC',
      registerNumber: null,
      verifyUrl: 'http://localhost/verify/TQ-2026-AAAA-BBBB-CCCC',
      signerName: 'Hoàng Việt Phương',
    };
    const chairmansAct = pdfLines(
      await renderCertificatePdf({
        ...base,
        collective: false,
        signatureLines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      }),
    ).join('\n');
    expect(chairmansAct).toMatch(/^\s*CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\s*$/m);
    expect(chairmansAct).not.toContain('TM.');
    const collective = pdfLines(
      await renderCertificatePdf({
        ...base,
        collective: true,
        signatureLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      }),
    ).join('\n');
    expect(collective).toMatch(/^\s*ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\s*$/m);
    expect(collective).not.toContain('CHỦ TỊCH ỦY BAN');
    expect(collective).toContain('TM. ỦY BAN NHÂN DÂN');
  });

  it('keeps every Vietnamese letter through extraction', async () => {
    const letters =
      'aàáảãạăằắẳẵặâầấẩẫậ eèéẻẽẹêềếểễệ iìíỉĩị oòóỏõọôồốổỗộơờớởỡợ uùúủũụưừứửữự yỳýỷỹỵ đ ' +
      'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ EÈÉẺẼẸÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ UÙÚỦŨỤƯỪỨỬỮỰ YỲÝỶỸỴ Đ';
    // Decomposed input must come out composed (NFC).
    const bytes = await renderCertificatePdf({
      kind: 'award',
      issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      placeName: 'Tuyên Quang',
      unitName: letters.normalize('NFD'),
      districtName: null,
      achievementYear: 2025,
      decisionNumber: '15/QĐ-UBND',
      decisionDate: '2025-10-15',
      serial: 'TQ-2025-TEST-TEST-TEST',
      registerNumber: 12,
      verifyUrl: 'http://localhost/verify/TQ-2025-TEST-TEST-TEST',
      signerName: 'Nguyễn Văn Sơn',
      signatureLines: ['CHỦ TỊCH'],
      collective: false,
    });
    const text = pdfText(bytes);
    for (const word of letters.split(' ')) expect(text).toContain(word);
    expect(text).toContain('BẰNG KHEN');
    expect(text).toContain('Số sổ vàng: 12');
    expect(text).toContain(`ngày ${vnDate('2025-10-15')}`);
  });
});

/** The account's display name, as the session reports it. */
async function displayNameOf(username: string): Promise<string> {
  const res = await (await t.as(username)).get('/api/session').expect(200);
  return (res.body as { user: { displayName: string } }).user.displayName;
}

describe('the score sheet', () => {
  it('lists every criterion with the points of each stage and the result', async () => {
    const text = pdfText(await download('nahang', `/api/dossiers/${flow.id}/score-sheet.pdf`));
    expect(text).toContain('BẢNG CHẤM ĐIỂM');
    expect(text).toContain('Xã Thượng Nông, huyện Na Hang');
    for (const code of ['XA-01 (*)', 'XA-02', 'XA-10']) expect(text).toContain(code);
    expect(text).toContain('Tự chấm');
    expect(text).toContain('Đơn vị tự chấm: 100/100 điểm — Đạt');
    expect(text).toContain('Cấp huyện thẩm tra: 100/100 điểm — Đạt');
    expect(text).toContain('Cấp tỉnh thẩm định: 100/100 điểm — Đạt');
  });

  it("is signed by each stage's scorer and lists their notes and the evidence", async () => {
    const text = pdfText(await download('nahang', `/api/dossiers/${flow.id}/score-sheet.pdf`));
    expect(text).toContain('Ý kiến của người chấm:');
    expect(text).toContain('- XA-01: Đạt');
    expect(text).toContain('Minh chứng kèm theo:');
    expect(text).toMatch(/- XA-01: \S+\.pdf/);
    // Each stage's column: the stage, the scorer's position, the scorer's name (which may wrap in its
    // column, so its words are looked for in the signature part).
    const signatures = text.slice(text.lastIndexOf('ĐƠN VỊ TỰ CHẤM'));
    for (const [stage, position, who] of [
      ['ĐƠN VỊ TỰ CHẤM', 'Cán bộ đơn vị', 'thuongnong'],
      ['CẤP HUYỆN THẨM TRA', 'Cán bộ thẩm tra cấp huyện', 'nahang'],
      ['CẤP TỈNH THẨM ĐỊNH', 'Cán bộ thẩm định cấp tỉnh', 'bcd138'],
    ]) {
      expect(signatures).toContain(stage);
      expect(signatures).toContain(position);
      for (const word of (await displayNameOf(who)).split(' ')) expect(signatures).toContain(word);
    }
  });

  it('prints a met/not-met set as "Đạt" / "Chưa đạt" and "34/34 tiêu chí"', async () => {
    const rows = Array.from({ length: 34 }, (_, i) => ({
      code: `TC-${String(i + 1).padStart(2, '0')}`,
      title: `Tiêu chí số ${i + 1}`,
      maxPoints: 1,
      mandatory: i < 5,
      self: 1,
      district: null,
      provincial: i === 33 ? 0 : 1,
    }));
    const text = pdfText(
      await renderScoreSheetPdf({
        issuerLines: ['BAN CHỈ ĐẠO 138', 'TỈNH TUYÊN QUANG'],
        placeName: 'Tuyên Quang',
        date: '2026-10-01',
        unitName: 'Sở Tư pháp',
        districtName: null,
        year: 2026,
        criteriaSetTitle: 'Bộ tiêu chí 9745',
        criteriaSetVersion: 1,
        passingScore: 34,
        maxTotal: 34,
        rows,
        stages: [
          { label: 'Đơn vị tự chấm', total: 34, passing: true, complete: true, scorer: null, notes: [] },
          { label: 'Cấp tỉnh thẩm định', total: 33, passing: false, complete: true, scorer: null, notes: [] },
        ],
        hasDistrictStage: false,
        evidence: [],
      }),
    );
    expect(text).toContain('BẢNG ĐÁNH GIÁ TIÊU CHÍ');
    expect(text).toContain('TC-34 Tiêu chí số 34 Đạt Chưa đạt');
    expect(text).toContain('Đơn vị tự chấm: đạt 34/34 tiêu chí — Đạt');
    expect(text).toContain('Cấp tỉnh thẩm định: đạt 33/34 tiêu chí — Chưa đạt');
    expect(text).not.toContain('điểm');
  });
});

describe('the revocation decision', () => {
  it('names the earlier decision and the reason', async () => {
    const reason = 'Hồ sơ đề nghị có tài liệu giả mạo';
    const revocation = await issueDecision(t, {
      kind: 'revocation',
      dossierIds: [flow.id],
      revokes: decisionId,
      ground: 'forged_documents',
      reason,
    });
    expect((await flow.get()).state).toBe('revoked');
    // The unit's certificate is served marked as revoked, naming the revocation.
    const certificate = pdfText(await download('thuongnong', `/api/dossiers/${flow.id}/certificate.pdf`));
    expect(certificate).toContain('ĐÃ THU HỒI');
    expect(certificate).toContain(`theo Quyết định số ${revocation.number}`);
    const text = pdfText(await download('noivu', `/api/decisions/${revocation.id}/pdf`));
    expect(text).toContain(`Số: ${revocation.number}`);
    expect(text).toContain('Về việc thu hồi việc công nhận đạt tiêu chí điển hình');
    expect(text).toContain('Điều 1. Thu hồi việc công nhận đạt tiêu chí điển hình');
    expect(text).toContain('tại Quyết định số 01/QĐ-UBND ngày');
    expect(text).toContain('nộp lại Giấy chứng nhận đã được cấp');
    expect(text).not.toContain('Bằng khen');
    expect(text).not.toContain('..');
    expect(text).toContain('xã Thượng Nông, huyện Na Hang (Quyết định số 01/QĐ-UBND ngày');
    expect(text).toContain(`Lý do thu hồi: Giả mạo hoặc làm sai lệch hồ sơ, giấy tờ: ${reason}`);
  });
});
