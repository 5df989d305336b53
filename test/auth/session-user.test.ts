import request from 'supertest';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, User } from '../../entities';
import { setUserActive, updateUserRole } from '../../src/users/users.service';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { countQueries } from '../helpers/query-count';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let flow: DossierFlow;
let admin: User;
beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('district_review');
  admin = await t.ds.getRepository(User).findOneByOrFail({ username: 'admin' });
});
afterAll(async () => {
  await t.close();
});

/** A new login (t.as keeps one agent per user, whose session a role change ends). */
const fresh = async (username: string) => {
  const agent = request.agent(t.app);
  await agent.post('/api/session').send({ username, password: DEMO_PASSWORD }).expect(200);
  return agent;
};

const sessionsOf = async (username: string) => {
  const user = await t.ds.getRepository(User).findOneByOrFail({ username });
  return t.ds.getRepository(Session).findBy({ userId: user.id });
};

describe('the session and its user', () => {
  it('are read in one query', async () => {
    const agent = await t.as('bcd138');
    const { result, queries } = await countQueries(t.ds, () => agent.get('/api/session'));
    expect(result.status).toBe(200);
    // GET /api/session also names the user's province; the user itself comes with the session.
    const sessionAndUser = queries.filter((q) => /"sessions"|"users"/.test(q));
    expect(sessionAndUser, queries.join('\n')).toHaveLength(1);
    expect(sessionAndUser[0]).toMatch(/FROM "sessions" s LEFT JOIN "users" u/);
    // The names of the user's district and province come in one more statement, and nothing else is read.
    expect(queries, queries.join('\n')).toHaveLength(2);
    expect(result.body.user).toMatchObject({ provinceName: 'Tỉnh Tuyên Quang' });
    expect(result.body.user).not.toHaveProperty('unitName');
    expect(result.body.user).not.toHaveProperty('districtName');
    const unitOfficer = await (await t.as('thuongnong')).get('/api/session');
    expect(unitOfficer.body.user).toMatchObject({
      unitName: 'Xã Thượng Nông',
      districtName: 'Huyện Na Hang',
      provinceName: 'Tỉnh Tuyên Quang',
    });
  });

  it('end at the very next request after a role change (nothing is cached between requests)', async () => {
    const agent = await t.as('nahang');
    const before = await agent.get('/api/session').expect(200);
    expect(before.body.user.role).toBe('district_reviewer');
    const user = await t.ds.getRepository(User).findOneByOrFail({ username: 'nahang' });
    await updateUserRole(t.ds, admin, user.id, { role: 'provincial_appraiser', province: 'TQ' });
    await agent.get('/api/session').expect(401);
    const again = await fresh('nahang');
    expect((await again.get('/api/session').expect(200)).body.user.role).toBe('provincial_appraiser');
    await again.get(`/api/dossiers/${flow.id}`).expect(200);
    await updateUserRole(t.ds, admin, user.id, { role: 'district_reviewer', province: 'TQ', district: 'NH' });
    await again.get('/api/session').expect(401);
    expect((await (await fresh('nahang')).get('/api/session').expect(200)).body.user.role).toBe(
      'district_reviewer',
    );
  });

  it('refuse a locked account at the next request, and a deleted one', async () => {
    const agent = await t.as('thuongnong');
    await agent.get('/api/session').expect(200);
    const user = await t.ds.getRepository(User).findOneByOrFail({ username: 'thuongnong' });
    await setUserActive(t.ds, admin, user.id, false);
    await agent.get('/api/session').expect(401);
    await setUserActive(t.ds, admin, user.id, true);

    const [row] = await sessionsOf('nahang');
    await t.ds
      .getRepository(Session)
      .update({ sid: row.sid }, { userId: '00000000-0000-4000-8000-000000000000' });
    await (await t.as('nahang')).get('/api/session').expect(401);
  });

  it('still work for a session that does not name its user (opened before the column existed)', async () => {
    const agent = await t.as('noivu');
    const rows = await sessionsOf('noivu');
    expect(rows).toHaveLength(1);
    await t.ds.getRepository(Session).update({ sid: rows[0].sid }, { userId: null });
    const { result, queries } = await countQueries(t.ds, () => agent.get('/api/session'));
    expect(result.status).toBe(200);
    expect(result.body.user.username).toBe('noivu');
    // The session, then the user by the id in its data.
    expect(queries.filter((q) => /"sessions"|"users"/.test(q))).toHaveLength(2);
  });
});
