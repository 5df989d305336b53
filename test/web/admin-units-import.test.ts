import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent, Unit } from '../../entities';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { fieldValue, pageLogin, pageToken, postForm } from './page-session';

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

const HEADER = 'province_code,district_code,code,name,type,managed_by,tags,block';
const upload = async (csv: string) => {
  const token = await pageToken(admin, '/admin/units');
  return admin
    .post(`/admin/units/import?_csrf=${encodeURIComponent(token)}`)
    .attach('file', Buffer.from(csv), { filename: 'don-vi.csv', contentType: 'text/csv' });
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('importing units from CSV', () => {
  it('shows what would change first, writes only when confirmed', async () => {
    const before = await t.ds.getRepository(Unit).findOneByOrFail({ code: 'NH-THUONGNONG' });
    const same = await t.ds.getRepository(Unit).findOneByOrFail({ code: 'NH-TTNAHANG' });
    const row = (u: Unit, tags: string[]) =>
      `TQ,NH,${u.code},${u.name},${u.type},${u.managedBy},${tags.join(';')},`;
    const csv = [
      HEADER,
      row(before, [...before.tags, 'ntm_kieu_mau']),
      'TQ,NH,NH-MOI,Xã Mới Lập,commune,district,ntm,',
      row(same, same.tags),
    ].join('\n');
    const preview = await upload(csv);
    expect(preview.status).toBe(200);
    const seen = text(preview.text);
    expect(seen).toContain('1 đơn vị mới, 1 cập nhật, 1 không đổi');
    expect(seen).toContain(
      'Nhãn: Địa bàn từng bị ảnh hưởng &quot;Dương Văn Mình&quot; → Địa bàn từng bị ảnh hưởng &quot;Dương Văn Mình&quot;; Nông thôn mới kiểu mẫu',
    );
    expect(seen).toContain('Xã Mới Lập Thêm mới');
    // Nothing written yet.
    expect(await t.ds.getRepository(Unit).existsBy({ code: 'NH-MOI' })).toBe(false);
    expect((await t.ds.getRepository(Unit).findOneByOrFail({ id: before.id })).tags).toEqual(before.tags);

    const confirmed = await postForm(admin, '/admin/units/import/confirm', {
      csv: fieldValue(preview.text, 'csv'),
    });
    expect([confirmed.status, confirmed.headers.location]).toEqual([303, '/admin/units']);
    expect(text((await admin.get('/admin/units')).text)).toContain(
      'Đã nhập: 1 đơn vị mới, 2 đơn vị cập nhật.',
    );
    expect(await t.ds.getRepository(Unit).existsBy({ code: 'NH-MOI' })).toBe(true);
    expect((await t.ds.getRepository(Unit).findOneByOrFail({ id: before.id })).tags).toContain(
      'ntm_kieu_mau',
    );
    expect(await t.ds.getRepository(AdminEvent).existsBy({ action: 'unit.imported' })).toBe(true);
  });

  it('reports every wrong row by line and writes none of the file', async () => {
    const csv = [
      HEADER,
      'TQ,NH,NH-HAI,Xã Hai,commune,district,,',
      'TQ,ZZ,NH-BA,Xã Ba,commune,district,,',
      'TQ,NH,NH-BON,Xã Bốn,planet,district,,',
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Tệp có 2 dòng lỗi nên không thể nhập');
    expect(res.text).toMatch(/<td data-label="Dòng">3<\/td>\s*<td data-label="Lỗi">Không có huyện mã ZZ\./);
    expect(res.text).toMatch(/<td data-label="Dòng">4<\/td>/);
    expect(res.text).not.toContain('name="csv"'); // nothing to confirm
    expect(await t.ds.getRepository(Unit).existsBy({ code: 'NH-HAI' })).toBe(false);
    // Not a CSV at all: said, nothing written.
    const garbage = await upload('"unclosed,quote\n');
    expect(garbage.status).toBe(303);
    expect((await admin.get('/admin/units')).text).toContain('Tệp không đúng định dạng CSV');
  });

  it('exports the units in the columns the import reads, so that the file imports back unchanged', async () => {
    const res = await admin.get('/admin/units/export.csv').expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.length - 1).toBe(await t.ds.getRepository(Unit).count());
    const back = await upload(res.text);
    expect(back.status).toBe(200);
    expect(text(back.text)).toContain(`0 đơn vị mới, 0 cập nhật, ${lines.length - 1} không đổi`);
    expect((await request(t.app).get('/admin/units/export.csv')).status).toBe(303); // a visitor: to login
  });

  it('edits one unit on its page: labelled tags, the code kept, a wrong district refused, audited', async () => {
    const unit = await t.ds.getRepository(Unit).findOneByOrFail({ code: 'HY-YENPHU' });
    const page = await admin.get(`/admin/units/${unit.id}/edit`).expect(200);
    expect(text(page.text)).toContain('Nông thôn mới nâng cao');
    const fields = {
      name: 'Xã Yên Phú (mới)',
      type: 'commune',
      district_code: 'HY',
      managed_by: 'district',
      tags: ['ntm', 'an_toan_antt'],
      block: '',
    };
    await postForm(admin, `/admin/units/${unit.id}/edit`, {
      ...fields,
      managed_by: 'district',
      district_code: '',
    });
    const refused = await admin.get(`/admin/units/${unit.id}/edit`);
    expect(text(refused.text)).toContain('Đơn vị do huyện quản lý phải có mã huyện.');
    expect(refused.text).toMatch(/id="f-name"[^>]*value="Xã Yên Phú \(mới\)"/);
    expect((await t.ds.getRepository(Unit).findOneByOrFail({ id: unit.id })).name).toBe(unit.name);
    await postForm(admin, `/admin/units/${unit.id}/edit`, fields).then((r) =>
      expect(r.headers.location).toBe('/admin/units'),
    );
    const saved = await t.ds.getRepository(Unit).findOneByOrFail({ id: unit.id });
    expect([saved.name, saved.code, saved.tags]).toEqual([
      'Xã Yên Phú (mới)',
      'HY-YENPHU',
      ['ntm', 'an_toan_antt'],
    ]);
    expect(saved.searchName).toBe('xa yen phu (moi)');
    expect(await t.ds.getRepository(AdminEvent).existsBy({ action: 'unit.updated', targetId: unit.id })).toBe(
      true,
    );
    expect((await admin.get('/admin/units/nope/edit')).status).toBe(404);
  });
});
