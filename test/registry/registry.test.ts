import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../entities';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ history: true });
}, 120_000);
afterAll(async () => {
  await t.close();
});

interface Entry {
  unitName: string;
  achievementYear: number;
  kind: string;
  serial: string;
  inForce: boolean;
  decisionNumber: string;
}
const registry = async (query = '') =>
  (await request(t.app).get(`/api/registry${query}`).expect(200)).body as { total: number; items: Entry[] };

describe('the public registry of model units', () => {
  it('lists every issued certificate without a login, newest year first, revoked ones marked', async () => {
    const all = await registry('?province=tq');
    expect(all.total).toBeGreaterThanOrEqual(10);
    const years = all.items.map((e) => e.achievementYear);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    // Tri Phú's 2023 recognition was revoked in 2024: still listed, no longer in force.
    const triPhu = all.items.find((e) => e.unitName.includes('Tri Phú') && e.achievementYear === 2023);
    expect(triPhu?.inForce).toBe(false);
    expect(all.items.filter((e) => e.inForce).length).toBe(all.items.length - 1);
    // Each serial verifies on the public page.
    const verify = await request(t.app).get(`/api/verify/${all.items[0].serial}`).expect(200);
    expect(verify.body.unitName).toBe(all.items[0].unitName);
  });

  it('filters by year, kind and unit type; refuses a bad filter in Vietnamese', async () => {
    const awards = await registry('?kind=award');
    expect(awards.items.length).toBeGreaterThan(0);
    expect(awards.items.every((e) => e.kind === 'award')).toBe(true);
    const y2023 = await registry('?year=2023&kind=recognition');
    expect(y2023.items.every((e) => e.achievementYear === 2023)).toBe(true);
    // The nine named communes, Thượng Lâm, Tú Thịnh and THPT Chuyên (the demo history's 2023).
    expect(y2023.total).toBe(12);
    const schools = await registry('?type=school');
    expect(schools.items.every((e) => e.unitName.startsWith('Trường'))).toBe(true);
    const bad = await request(t.app).get('/api/registry?year=hai-nghin&type=planet');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[À-ỹ]/);
    expect((await registry('?province=XX')).total).toBe(0);
  });

  it('holds no personal data: no name of any account, signer or officer, on the page or in the API', async () => {
    const names = (await t.ds.getRepository(User).find())
      .map((u) => u.displayName)
      .filter((n) => !n.startsWith('Cán bộ') && !n.startsWith('Ban Chỉ đạo'));
    expect(names.length).toBeGreaterThan(3);
    const page = await request(t.app).get('/registry?province=TQ').expect(200);
    const api = JSON.stringify(await registry());
    for (const name of names) {
      expect(page.text, name).not.toContain(name);
      expect(api, name).not.toContain(name);
    }
    expect(page.text).toContain('Danh sách đơn vị được công nhận, khen thưởng điển hình');
    expect(page.text).toMatch(/<a href="\/verify\/[A-Z0-9-]+">/);
    expect(page.text).toContain('Đã thu hồi');
    // Linked from the login page for visitors.
    expect((await request(t.app).get('/login')).text).toContain('href="/registry"');
  });
});
