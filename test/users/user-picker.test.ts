import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Unit, User } from '../../entities';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from '../web/page-session';
import { oneTimePasswordOn } from './account-sessions.test';

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

const officer = (username: string, unit: string, password = '') =>
  postForm(admin, '/admin/users', {
    username,
    displayName: `Cán bộ ${username}`,
    password,
    role: 'unit_officer',
    province: 'TQ',
    unit,
  });

describe('a unit officer’s unit chosen by name', () => {
  it('finds the unit by its name with or without accents, or by the picker’s "name — code"', async () => {
    const thuongNong = await t.ds.getRepository(Unit).findOneByOrFail({ code: 'NH-THUONGNONG' });
    for (const [username, typed] of [
      ['cb.tn1', 'Thượng Nông'],
      ['cb.tn2', 'thuong nong'],
      ['cb.tn3', `${thuongNong.name} — ${thuongNong.code}`],
      ['cb.tn4', 'nh-thuongnong'],
    ]) {
      expect((await officer(username, typed)).status).toBe(303);
      const user = await t.ds.getRepository(User).findOneByOrFail({ username });
      expect(user.unitId, typed).toBe(thuongNong.id);
      expect(user.districtId).toBe(thuongNong.districtId);
    }
  });

  it('says which units a vague name matches, beside the field, keeping what was typed', async () => {
    await officer('cb.yen', 'yen');
    const page = await admin.get('/admin/users');
    expect(page.text).toMatch(/id="f-unit"[^>]*value="yen"/);
    expect(page.text).toMatch(/id="f-unit"[^>]*aria-invalid="true"/);
    expect(page.text).toContain('Có nhiều đơn vị khớp');
    expect(page.text).toContain('Xã Yên Lâm');
    expect(page.text).toMatch(/id="f-username"[^>]*value="cb.yen"/);
    await officer('cb.none', 'Không Có Xã Này');
    expect((await admin.get('/admin/users')).text).toContain('Không tìm thấy đơn vị');
    expect(await t.ds.getRepository(User).existsBy({ username: 'cb.yen' })).toBe(false);
  });

  it('the picker’s list comes from the units API, searched without accents', async () => {
    const res = await admin.get('/api/units?q=thuong%20nong&pageSize=10').expect(200);
    expect(res.body.items.map((u: { code: string }) => u.code)).toEqual(['NH-THUONGNONG']);
    const byCode = await admin.get('/api/units?q=NH-THUONG').expect(200);
    expect(byCode.body.total).toBe(1);
    // A unit officer still sees only their own unit.
    const unit = await (await t.as('yenlam')).get('/api/units?q=thuong').expect(200);
    expect(unit.body.items).toEqual([]);
  });

  it('an account created without a password gets a one-time password, shown once', async () => {
    expect((await officer('cb.otp', 'Yên Lâm')).status).toBe(303);
    const oneTime = oneTimePasswordOn((await admin.get('/admin/users')).text);
    const login = await request(t.app).post('/api/session').send({ username: 'cb.otp', password: oneTime });
    expect([login.status, login.body.user.mustChangePassword]).toEqual([200, true]);
    expect((await admin.get('/admin/users')).text).not.toContain(oneTime);
  });
});
