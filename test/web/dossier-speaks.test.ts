import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const page = async (who: string, path: string) => (await (await t.as(who)).get(path).expect(200)).text;
const before = (text: string, a: string, b: string) => {
  expect(text).toContain(a);
  expect(text.indexOf(a)).toBeLessThan(text.indexOf(b));
};

describe('a dossier that speaks', () => {
  it('tells the unit where its dossier is, that it was returned and why, at the top, and names people', async () => {
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
    const code = String((await flow.get()).code);
    let home = await page('thuongnong', '/');
    expect(home).toContain('Hồ sơ của đơn vị');
    expect(home).toContain(code);
    expect(home).toMatch(/Đang chờ [^<]+ xử lý/);

    const criterion = flow.items[0].code;
    await flow.sendOk('district', 'RETURN', 'self_assessment', {
      reason: 'Thiếu biên bản họp dân',
      criteria: [{ code: criterion, note: 'Bổ sung biên bản có chữ ký' }],
    });
    home = await page('thuongnong', '/');
    expect(home).toContain('Đến lượt đơn vị');
    const dossier = await page('thuongnong', `/dossiers/${flow.id}`);
    before(dossier, 'Hồ sơ bị trả lại', 'Thông tin hồ sơ');
    expect(dossier).toContain('Thiếu biên bản họp dân');
    expect(dossier).toContain('Bổ sung biên bản có chữ ký');
    // The history names the person and the office, and the file and criterion of each evidence step.
    expect(dossier).toContain('Cán bộ Xã Thượng Nông (');
    expect(dossier).toContain(`Tệp “minh-chung-${criterion}.pdf” — tiêu chí ${criterion}`);
    const history = (await (await t.as('nahang')).get(`/api/dossiers/${flow.id}/history`).expect(200)).body;
    const ret = history.find((e: { type: string }) => e.type === 'RETURN');
    expect(ret.actor).toMatchObject({ username: 'nahang', displayName: 'Ban Chỉ đạo 138 Huyện Na Hang' });
    expect(ret.actor.roleLabel).toBeTruthy();
  });

  it('puts a rejection and its reason at the top of the page', async () => {
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'district_review',
    );
    await flow.sendOk('district', 'REJECT', 'rejected', { reason: 'Địa bàn còn xảy ra vụ việc phức tạp' });
    const dossier = await page('linhphu', `/dossiers/${flow.id}`);
    before(dossier, 'Hồ sơ không được chấp nhận', 'Thông tin hồ sơ');
    expect(dossier).toContain('Địa bàn còn xảy ra vụ việc phức tạp');
    expect(await page('linhphu', '/')).toContain('Đã kết thúc');
  });
});
