import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommentAccess, MeetingEvent, PublicComment } from '../../entities';
import { daysLater, setUpCouncil } from '../helpers/councils';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let meetingId: string;
let itemId: string;

beforeAll(async () => {
  t = await createTestApp();
  const flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
  await setUpCouncil(t, 'recognition');
  const noivu = await t.as('noivu');
  const created = await noivu.post('/api/meetings').send({
    purpose: 'recognition',
    title: 'Phiên họp xét công nhận đơn vị điển hình năm 2026',
    location: 'Phòng họp số 1, UBND tỉnh',
    meetingAt: daysLater(t.now(), 21).toISOString(),
    dossierIds: [flow.id],
  });
  meetingId = created.body.id;
  itemId = created.body.items[0].id;
  await noivu
    .post(`/api/meetings/${meetingId}/events`)
    .send({ type: 'CONVENE', version: created.body.version })
    .expect(200);
}, 180_000);
afterAll(async () => {
  await t.close();
});

const comment = (over: Record<string, unknown> = {}, ip = '203.0.113.7') =>
  request(t.app)
    .post('/api/public/comments')
    .set('X-Forwarded-For', ip)
    .send({
      itemId,
      body: 'Đơn vị thực hiện tốt phong trào, tổ tự quản hoạt động đều.',
      name: 'Nguyễn Thị Hoa',
      phone: '0912 345 678',
      address: 'Thôn Nà Héc, xã Thượng Nông',
      ...over,
    });

describe('the public posting of nominees', () => {
  it('lists the nominees without a login and without any personal data', async () => {
    const res = await request(t.app).get('/api/public/postings').expect(200);
    const [posting] = res.body.items;
    expect(posting.meetingId).toBe(meetingId);
    expect(posting.nominees.map((n: { unitName: string }) => n.unitName)).toEqual(['Xã Thượng Nông']);
    expect(JSON.stringify(res.body)).not.toMatch(/Nguyễn Văn Sơn|Hoàng Việt Phương|username/);
    const page = await request(t.app).get('/nominees').expect(200);
    expect(page.text).toContain('Xã Thượng Nông');
    expect(page.text).toContain('không công khai');
  });

  it('takes a written comment with name, phone and address, refusing bad input field by field', async () => {
    const bad = await comment({ name: '', phone: '12345', address: 'x', body: 'ngắn' });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.fields.map((f: { field: string; message: string }) => [
      f.field,
      f.message,
    ]);
    expect(fields.map((f: string[]) => f[0]).sort()).toEqual(['address', 'body', 'name', 'phone']);
    expect(JSON.stringify(fields)).toMatch(/Số điện thoại không hợp lệ/);
    expect((await comment({ itemId: 'khong-co' })).status).toBe(404);
    const ok = await comment();
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.message).toContain('Xã Thượng Nông');
    // Never shown publicly.
    const listed = await request(t.app).get('/api/public/postings').expect(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/Nguyễn Thị Hoa|0912345678|Nà Héc/);
  });

  it('limits each client: a sixth comment within the hour is refused, another client is not', async () => {
    for (let i = 0; i < 4; i += 1) expect((await comment({}, '198.51.100.9')).status).toBe(201);
    expect((await comment({}, '198.51.100.9')).status).toBe(201);
    const sixth = await comment({}, '198.51.100.9');
    expect([sixth.status, sixth.body.error.code]).toEqual([429, 'too_many_comments']);
    expect((await comment({}, '192.0.2.44')).status).toBe(201);
    // The robot-only field is never accepted.
    expect((await comment({ website: 'http://spam.example' }, '192.0.2.45')).status).toBe(422);
    const stored = await t.ds.getRepository(PublicComment).find();
    expect(stored.every((c) => !c.clientHash.includes('198.51'))).toBe(true);
  });

  it('shows the comments with their senders to the secretary only, logging each reading', async () => {
    expect((await (await t.as('bcd138')).get(`/api/meetings/${meetingId}/comments`)).status).toBe(403);
    expect((await (await t.as('linhphu')).get(`/api/meetings/${meetingId}/comments`)).status).toBe(404);
    const res = await (await t.as('noivu')).get(`/api/meetings/${meetingId}/comments`).expect(200);
    const [first] = res.body.items[0].comments;
    expect([first.name, first.phone, first.address]).toEqual([
      'Nguyễn Thị Hoa',
      '0912345678',
      'Thôn Nà Héc, xã Thượng Nông',
    ]);
    const log = await t.ds.getRepository(CommentAccess).findBy({ meetingId });
    expect(log.map((l) => [l.username, l.commentCount])).toEqual([['noivu', 7]]);
    const bad = await (
      await t.as('noivu')
    )
      .patch(`/api/meetings/${meetingId}/comments/${first.id}`)
      .send({ handling: '' });
    expect(bad.status).toBe(400);
    await (
      await t.as('noivu')
    )
      .patch(`/api/meetings/${meetingId}/comments/${first.id}`)
      .send({ handling: 'Đã xác minh với UBND xã; báo cáo Hội đồng.' })
      .expect(204);
    const events = await t.ds.getRepository(MeetingEvent).findBy({ meetingId, type: 'COMMENT_HANDLED' });
    expect(events).toHaveLength(1);
    expect(events[0].actorUsername).toBe('noivu');
  });

  it('stops taking comments when the posting ends, and erases personal data after the retention period', async () => {
    t.setNow(daysLater(t.now(), 20));
    t.forgetSessions();
    const late = await comment({}, '192.0.2.99');
    expect([late.status, late.body.error.code]).toEqual([409, 'posting_closed']);
    expect((await request(t.app).get('/api/public/postings').expect(200)).body.items).toEqual([]);
    t.setNow(daysLater(t.now(), 366));
    t.forgetSessions();
    const res = await (await t.as('noivu')).get(`/api/meetings/${meetingId}/comments`).expect(200);
    const comments = res.body.items[0].comments as { name: string | null; erased: boolean; body: string }[];
    expect(comments.every((c) => c.name === null && c.erased)).toBe(true);
    expect(comments[0].body).toContain('tổ tự quản');
    const rows = await t.ds.getRepository(PublicComment).findBy({ meetingId });
    expect(rows.every((r) => r.authorPhone === null && r.authorAddress === null)).toBe(true);
  });
});
