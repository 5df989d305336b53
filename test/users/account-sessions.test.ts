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
/** The one-time password an admin reset shows once, in the page's message. */
export const oneTimePasswordOn = (page: string): string =>
  /Mật khẩu dùng một lần của [a-z0-9._-]+: ([A-Za-z0-9]{12})/.exec(page)?.[1] ?? 'not shown';
const idOf = async (username: string) => (await t.ds.getRepository(User).findOneByOrFail({ username })).id;

describe("an account's change ends its other sessions at their next request", () => {
  it('an admin password reset logs out every live session of the account', async () => {
    const phone = await t.as('yenlam');
    const desk = await t.as('yenlam');
    await phone.get('/api/session').expect(200);
    const agent = await admin();
    await postForm(agent, `/admin/users/${await idOf('yenlam')}/password`, {}).then((r) =>
      expect(r.status).toBe(303),
    );
    const oneTime = oneTimePasswordOn((await agent.get('/admin/users')).text);
    await phone.get('/api/session').expect(401);
    await desk.get('/api/session').expect(401);
    const login = await request(t.app).post('/api/session').send({ username: 'yenlam', password: oneTime });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
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
