import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../src/calendar/time';
import { COMMUNE, DossierFlow, PROVINCE_SCHOOL } from '../helpers/dossier-flow';
import { binary } from '../helpers/http';
import { pdfText } from '../helpers/pdf';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const year = () => Number(vnDate(t.now()).slice(0, 4));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const receipt = async (who: string, id: string, query = '') =>
  binary((await t.as(who)).get(`/api/dossiers/${id}/receipt.pdf${query}`));

describe('dossier codes (mã hồ sơ)', () => {
  it('numbers each province’s dossiers of a year in the order they were opened, and finds them by code', async () => {
    const first = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    const second = await new DossierFlow(t, { unit: 'triphu', district: 'chiemhoa' }).open();
    const a = (await first.get()).code as string;
    const b = (await second.get()).code as string;
    expect(a).toMatch(new RegExp(`^TQ-${year()}-\\d{6}$`));
    expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);

    const district = await t.as('chiemhoa');
    for (const q of [b, b.toLowerCase(), `tq-${year()}-${Number(b.slice(-6))}`]) {
      const found = (await district.get('/api/dossiers').query({ q }).expect(200)).body;
      expect(
        found.items.map((d: { id: string }) => d.id),
        q,
      ).toEqual([second.id]);
      expect(found.items[0].code).toBe(b);
    }
    // A code outside one's jurisdiction finds nothing; a malformed one is a name search (no match).
    const other = (await (await t.as('nahang')).get('/api/dossiers').query({ q: b }).expect(200)).body;
    expect(other.total).toBe(0);
    const page = await district.get('/dossiers').query({ q: b }).expect(200);
    expect(page.text).toContain(b);
  });
});

describe('the submission receipt (phiếu tiếp nhận)', () => {
  it('is issued on submission with what was submitted, who received it and the next due date, kept as issued', async () => {
    const flow = new DossierFlow(t, COMMUNE);
    await flow.advanceTo('self_assessment');
    const none = await receipt('thuongnong', flow.id);
    expect(none.status).toBe(404);
    expect(none.body.toString()).toContain('receipt_not_found');

    await flow.advanceTo('district_review');
    const d = await flow.get();
    const res = await receipt('thuongnong', flow.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = pdfText(res.body as Buffer);
    const due = new Date(Date.parse(String(d.dueAt)) + 7 * 3600_000).toISOString().slice(0, 10);
    for (const expected of [
      'PHIẾU TIẾP NHẬN HỒ SƠ',
      'BAN CHỈ ĐẠO 138',
      `Mã hồ sơ: ${String(d.code)}`,
      'Đơn vị nộp: Xã Thượng Nông, Huyện Na Hang',
      'Cơ quan tiếp nhận: Ban Chỉ đạo 138 huyện Na Hang',
      'Bảng tự chấm điểm: 10/10 tiêu chí, tổng 100/100 điểm',
      '8 tệp minh chứng cho 8 tiêu chí',
      'Bước tiếp theo: Cấp huyện thẩm tra',
      `Hạn xử lý: ${due.split('-').reverse().join('/')}`,
    ]) {
      expect(text).toContain(expected);
    }
    // The kept bytes, the same for the reviewer and on every download.
    const listed = (await (await t.as('nahang')).get(`/api/dossiers/${flow.id}/receipts`).expect(200)).body;
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0].documentSha256).toBe(sha(res.body as Buffer));
    expect(sha((await receipt('nahang', flow.id)).body as Buffer)).toBe(sha(res.body as Buffer));
    expect((await (await t.as('thuongnong')).get(`/dossiers/${flow.id}`).expect(200)).text).toContain(
      'Phiếu tiếp nhận (PDF)',
    );

    // A return and a resubmission leave a second receipt; the first stays as it was.
    await flow.sendOk('district', 'RETURN', 'self_assessment', { reason: 'Bổ sung biên bản' });
    await flow.sendOk('unit', 'SUBMIT', 'district_review');
    const again = pdfText((await receipt('thuongnong', flow.id)).body as Buffer);
    expect(again).toContain('nộp lại lần 1 sau khi được trả lại');
    const firstAgain = await receipt('thuongnong', flow.id, '?sequence=1');
    expect(sha(firstAgain.body as Buffer)).toBe(sha(res.body as Buffer));
  });

  it('names the province’s standing office for a dossier the province manages', async () => {
    const flow = await new DossierFlow(t, PROVINCE_SCHOOL).advanceTo('provincial_appraisal');
    const text = pdfText((await receipt('thptchuyen', flow.id)).body as Buffer);
    expect(text).toContain('CÔNG AN TỈNH TUYÊN QUANG');
    expect(text).toContain(
      'Cơ quan tiếp nhận: Công an tỉnh Tuyên Quang (cơ quan thường trực Ban Chỉ đạo 138 tỉnh)',
    );
  });

  it('answers a bad sequence with 400, a missing one with 404, and another unit with 403/404', async () => {
    const flow = await new DossierFlow(t, { unit: 'yenlam', district: 'hamyen' }).advanceTo(
      'district_review',
    );
    const bad = await (await t.as('yenlam')).get(`/api/dossiers/${flow.id}/receipt.pdf?sequence=abc`);
    expect(bad.status).toBe(400);
    expect((await receipt('yenlam', flow.id, '?sequence=7')).status).toBe(404);
    expect([403, 404]).toContain((await receipt('thuongnong', flow.id)).status);
    expect([403, 404]).toContain((await receipt('nahang', flow.id)).status);
    expect((await (await t.as('yenlam')).get(`/api/dossiers/${flow.id}/receipts`)).status).toBe(200);
  });
});
