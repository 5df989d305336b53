import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CriteriaSet, Criterion } from '../../entities';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { fieldValue, pageLogin, pageToken, postForm } from '../web/page-session';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = request.agent(t.app);
  await pageLogin(admin, 'admin');
});
afterAll(async () => {
  await t.close();
});

const download = async (path: string): Promise<Buffer> => {
  const res = await admin
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return res.body as Buffer;
};
const upload = async (bytes: Buffer, name = 'bo-tieu-chi.xlsx') => {
  const token = await pageToken(admin, '/admin/criteria');
  return admin
    .post(`/admin/criteria/import?_csrf=${encodeURIComponent(token)}`)
    .attach('file', bytes, { filename: name });
};
const edit = async (bytes: Buffer, change: (book: ExcelJS.Workbook) => void): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  change(book);
  return Buffer.from(await book.xlsx.writeBuffer());
};
describe('criteria sets from Excel', () => {
  it('a set downloads as a workbook that, uploaded, previews as its next version and imports when confirmed', async () => {
    const [current] = await t.ds
      .getRepository(CriteriaSet)
      .find({ where: { active: true }, order: { code: 'ASC' } });
    const bytes = await download(`/admin/criteria/${current.id}/xlsx`);
    const preview = await upload(bytes);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain(`phiên bản ${current.version + 1}`);
    const items = await t.ds
      .getRepository(Criterion)
      .find({ where: { criteriaSetId: current.id }, order: { position: 'ASC' } });
    expect(preview.text).toContain(`${items.length} tiêu chí`);
    expect(await t.ds.getRepository(CriteriaSet).countBy({ code: current.code })).toBe(
      1 + 0 * items.length - 0,
    );
    const versionsBefore = await t.ds.getRepository(CriteriaSet).countBy({ code: current.code });
    const set = fieldValue(preview.text, 'set');
    await postForm(admin, '/admin/criteria/import/confirm', { set }).then((r) => expect(r.status).toBe(303));
    const next = await t.ds
      .getRepository(CriteriaSet)
      .findOneByOrFail({ code: current.code, version: current.version + 1 });
    const nextItems = await t.ds
      .getRepository(Criterion)
      .find({ where: { criteriaSetId: next.id }, order: { position: 'ASC' } });
    const shape = (c: Criterion) => [c.code, c.title, c.maxPoints, c.mandatory, c.evidenceRequired];
    expect(nextItems.map(shape)).toEqual(items.map(shape));
    expect(next.active).toBe(false); // not activated: the box was not ticked
    expect(await t.ds.getRepository(CriteriaSet).countBy({ code: current.code })).toBe(versionsBefore + 1);
    // The same file again: that version now exists.
    const again = await upload(bytes);
    expect([again.status, again.text.includes('đã tồn tại')]).toEqual([422, true]);
  });

  it('a filled-in template with a wrong cell is refused with the row and column named, nothing written', async () => {
    const template = await download('/admin/criteria/template.xlsx');
    const filled = await edit(template, (book) => {
      const info = book.getWorksheet('Thông tin');
      if (!info) throw new Error('no info sheet');
      info.getRow(1).getCell(2).value = 'BTC-THU';
      info.getRow(3).getCell(2).value = 'Bộ tiêu chí thử';
      info.getRow(6).getCell(2).value = 10;
      const sheet = book.getWorksheet('Tiêu chí');
      sheet?.addRow(['1', 'Nhóm I', 'Có kế hoạch thực hiện', 10, 'Có', 'Có', 8]);
      sheet?.addRow(['2', 'Nhóm I', 'Tổ chức ra mắt mô hình', 'mười', 'Không', 'Có', '']);
    });
    const refused = await upload(filled);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Tiêu chí thứ 2 (maxPoints)');
    expect(await t.ds.getRepository(CriteriaSet).existsBy({ code: 'BTC-THU' })).toBe(false);
    const fixed = await edit(filled, (book) => {
      const sheet = book.getWorksheet('Tiêu chí');
      if (sheet) sheet.getRow(3).getCell(4).value = 10;
    });
    const ok = await upload(fixed);
    expect(ok.status).toBe(200);
    expect(ok.text.replace(/\s+/g, ' ')).toContain('2 tiêu chí, tổng 20 điểm; điểm đạt 10');
    expect((await upload(Buffer.from('PK not really a zip'))).status).toBe(422);
  });
});
