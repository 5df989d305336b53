import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent } from '../../entities';
import { councilBody } from '../helpers/councils';
import { userIdOf } from '../helpers/decisions';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let councilId: string;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t.close();
});

const put = async (username: string, body: Record<string, unknown>, purpose = 'award') =>
  (await t.as(username)).put(`/api/councils/${purpose}`).send(body);
const addMember = async (userId: string, position: string, username = 'admin') =>
  (await t.as(username))
    .post(`/api/councils/${councilId}/members`)
    .send({ userId, position, title: 'Ủy viên Hội đồng' });

describe('councils as data', () => {
  it('are founded and changed by the admin only, with their rule as configuration', async () => {
    expect((await put('noivu', councilBody())).status).toBe(403);
    const bad = await put(
      'admin',
      councilBody({ quorumPercent: 20, thresholdPercent: 0, denominator: 'half' }),
    );
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['denominator', 'quorumPercent', 'thresholdPercent']);
    const term = await put('admin', councilBody({ termEnd: '2025-01-01' }));
    expect(term.body.error.details.fields).toEqual([
      { field: 'termEnd', code: 'custom', message: 'Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.' },
    ]);
    expect((await put('admin', councilBody({ provinceId: 'XX' }))).body.error.code).toBe(
      'province_not_found',
    );
    const created = await put('admin', councilBody({ thresholdPercent: 90, comparison: 'at_least' }));
    expect([created.status, created.body.version, created.body.thresholdPercent]).toEqual([200, 1, 90]);
    councilId = created.body.id;
    expect((await put('admin', councilBody())).body.error.code).toBe('version_required');
    const stale = await put('admin', councilBody({ version: 7 }));
    expect([stale.status, stale.body.error.code]).toEqual([409, 'stale_version']);
    const changed = await put('admin', councilBody({ version: 1, postingWorkingDays: 12 }));
    expect([changed.status, changed.body.version, changed.body.postingWorkingDays]).toEqual([200, 2, 12]);
    const listed = (await (await t.as('noivu')).get('/api/councils').expect(200)).body;
    expect(listed.councils.map((c: { purpose: string }) => c.purpose)).toEqual(['award']);
    expect(listed.defaults).toMatchObject({
      quorumPercent: 67,
      thresholdPercent: 50,
      postingWorkingDays: 10,
    });
  });

  it('take members of the province, one chair and one secretary, each once', async () => {
    expect((await addMember(await userIdOf(t, 'chutich'), 'chair', 'noivu')).status).toBe(403);
    expect((await addMember(await userIdOf(t, 'chutich'), 'chair')).status).toBe(201);
    const second = await addMember(await userIdOf(t, 'phochutich'), 'chair');
    expect([second.status, second.body.error.code]).toEqual([422, 'position_taken']);
    const twice = await addMember(await userIdOf(t, 'chutich'), 'member');
    expect(twice.body.error.code).toBe('already_member');
    const ministry = await addMember(await userIdOf(t, 'bocongan'), 'member');
    expect([ministry.status, ministry.body.error.code]).toEqual([422, 'invalid_member']);
    expect((await addMember('khong-co', 'member')).status).toBe(422);
    expect(
      (await (await t.as('admin')).post(`/api/councils/${councilId}/members`).send({ position: 'boss' }))
        .status,
    ).toBe(400);
    const added = await addMember(await userIdOf(t, 'phochutich'), 'vice_chair');
    expect(added.status).toBe(201);
    expect(
      (await (await t.as('noivu')).delete(`/api/councils/${councilId}/members/${added.body.id}`)).status,
    ).toBe(403);
    await (await t.as('admin')).delete(`/api/councils/${councilId}/members/${added.body.id}`).expect(204);
    expect(
      (await (await t.as('admin')).delete(`/api/councils/${councilId}/members/${added.body.id}`)).status,
    ).toBe(404);
    const listed = (await (await t.as('admin')).get('/api/councils?provinceId=TQ').expect(200)).body;
    expect(listed.councils[0].members.map((m: { username: string }) => m.username)).toEqual(['chutich']);
    const log = await t.ds.getRepository(AdminEvent).findBy({ targetType: 'council' });
    expect(log.map((e) => e.action).sort()).toEqual([
      'council.member_added',
      'council.member_added',
      'council.member_removed',
      'council.saved',
      'council.saved',
    ]);
  });

  it('is needed before a meeting of its purpose is prepared', async () => {
    const res = await (await t.as('noivu')).post('/api/meetings').send({
      purpose: 'recognition',
      title: 'Phiên họp xét công nhận',
      location: 'Phòng họp',
      meetingAt: new Date(t.now().getTime() + 30 * 86_400_000).toISOString(),
      dossierIds: ['x'],
    });
    expect([res.status, res.body.error.code]).toEqual([422, 'no_council']);
  });
});
