import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../entities';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from '../web/page-session';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const admin = async () => {
  const agent = request.agent(t.app);
  await pageLogin(agent, 'admin');
  return agent;
};
const idOf = async (username: string) => (await t.ds.getRepository(User).findOneByOrFail({ username })).id;

describe("an account's change ends its other sessions at their next request", () => {
  it('an admin password reset logs out every live session of the account', async () => {
    const phone = await t.as('yenlam');
    const desk = await t.as('yenlam');
    await phone.get('/api/session').expect(200);
    await postForm(await admin(), `/admin/users/${await idOf('yenlam')}/password`, {
      password: 'MatKhauMoi@2026',
    }).then((r) => expect(r.status).toBe(303));
    await phone.get('/api/session').expect(401);
    await desk.get('/api/session').expect(401);
    await request(t.app)
      .post('/api/session')
      .send({ username: 'yenlam', password: 'MatKhauMoi@2026' })
      .expect(200);
  });

  it('a change of role or scope ends the sessions too; the admin who made it stays logged in', async () => {
    const reviewer = await t.as('lambinh');
    const agent = await admin();
    await postForm(agent, `/admin/users/${await idOf('lambinh')}/role`, {
      role: 'district_reviewer',
      province: 'TQ',
      district: 'NH',
    });
    await reviewer.get('/api/session').expect(401);
    await agent.get('/admin/users').expect(200);
  });

  it('locking ends them as before', async () => {
    const unit = await t.as('yenphu');
    await postForm(await admin(), `/admin/users/${await idOf('yenphu')}/disable`, {});
    await unit.get('/api/session').expect(401);
  });
});
