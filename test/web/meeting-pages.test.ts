import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysLater, DEMO_SEATS } from '../helpers/councils';
import { userIdOf } from '../helpers/decisions';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, pageToken, postForm } from './page-session';

let t: TestApp;
let flow: DossierFlow;
let meetingPath = '';
const agents = new Map<string, request.Agent>();
const page = async (username: string) => {
  const known = agents.get(username);
  if (known) return known;
  const agent = request.agent(t.app);
  await pageLogin(agent, username);
  agents.set(username, agent);
  return agent;
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('councils and meetings as pages', () => {
  it('lets the admin found the council with its rule and members; a bad value is said beside its field', async () => {
    const admin = await page('admin');
    expect(text((await admin.get('/admin/councils?province=TQ').expect(200)).text)).toContain(
      'Thành lập Hội đồng',
    );
    const fields = {
      purpose: 'recognition',
      name: 'Hội đồng xét công nhận điển hình tỉnh',
      termStart: '2026-01-01',
      termEnd: '',
      quorumPercent: '67',
      writtenVotesAllowed: 'true',
      comparison: 'more_than',
      thresholdPercent: '50',
      denominator: 'members',
      postingWorkingDays: '10',
      commentRetentionDays: '365',
    };
    await postForm(admin, '/admin/councils/recognition?province=TQ', { ...fields, quorumPercent: '20' });
    const refused = await admin.get('/admin/councils?province=TQ');
    expect(refused.text).toMatch(/id="f-quorumPercent"[^>]*aria-invalid="true"/);
    expect((await postForm(admin, '/admin/councils/recognition?province=TQ', fields)).status).toBe(303);
    const saved = (await (await t.as('admin')).get('/api/councils?provinceId=TQ').expect(200)).body;
    const councilId = saved.councils[0].id as string;
    for (const seat of DEMO_SEATS)
      await postForm(admin, `/admin/councils/${councilId}/members?province=TQ`, {
        userId: await userIdOf(t, seat.username),
        position: seat.position,
        title: seat.title,
      });
    const after = text((await admin.get('/admin/councils?province=TQ').expect(200)).text);
    expect(after).toContain('Thành viên (4)');
    expect(after).toContain('Thư ký Hội đồng, Trưởng ban Thi đua – Khen thưởng, Sở Nội vụ');
  });

  it('lets the secretary prepare and convene a meeting; the public then sees and comments on the list', async () => {
    const noivu = await page('noivu');
    const form = text((await noivu.get('/meetings/new?purpose=recognition').expect(200)).text);
    expect(form).toContain('Xã Thượng Nông');
    const meetingAt = daysLater(t.now(), 21).toISOString();
    const local = new Date(new Date(meetingAt).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    const created = await postForm(noivu, '/meetings', {
      purpose: 'recognition',
      title: 'Phiên họp xét công nhận năm 2026',
      location: 'Phòng họp số 1',
      meetingAt: local,
      dossierIds: [flow.id],
    });
    expect(created.status).toBe(303);
    meetingPath = created.headers.location;
    // The draft is changed on its own form before convening.
    const edit = (await noivu.get(`${meetingPath}/edit`).expect(200)).text;
    expect(edit).toMatch(/name="location"[^>]*value="Phòng họp số 1"/);
    const v1 = /name="version"\s+value="(\d+)"/.exec(edit)?.[1] ?? '';
    await postForm(noivu, `${meetingPath}/edit`, {
      version: v1,
      title: 'Phiên họp xét công nhận năm 2026',
      location: 'Hội trường UBND tỉnh',
      meetingAt: local,
      dossierIds: [flow.id],
    });
    const detail = (await noivu.get(meetingPath).expect(200)).text;
    expect(text(detail)).toContain('Hội trường UBND tỉnh');
    const version = /name="version"\s+value="(\d+)"/.exec(detail)?.[1] ?? '';
    await postForm(noivu, `${meetingPath}/step`, { type: 'CONVENE', version });
    const convened = text((await noivu.get(meetingPath)).text);
    expect(convened).toContain('Đã triệu tập');
    const visitor = request.agent(t.app);
    expect(text((await visitor.get('/nominees').expect(200)).text)).toContain('Xã Thượng Nông');
    const itemId =
      /name="itemId"[\s\S]*?<option value="([^"]+)"/.exec((await visitor.get('/nominees')).text)?.[1] ?? '';
    const token = await pageToken(visitor, '/nominees');
    const send = (phone: string) =>
      visitor
        .post('/nominees')
        .type('form')
        .send({
          _csrf: token,
          meetingId: meetingPath.split('/').pop(),
          itemId,
          body: 'Đơn vị làm tốt công tác tự quản.',
          name: 'Lê Văn Bình',
          phone,
          address: 'Xã Thượng Nông',
        });
    const bad = await send('123');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-phone"[^>]*aria-invalid="true"/);
    expect(bad.text).toContain('Lê Văn Bình'); // nothing typed is lost
    const ok = await send('0987654321');
    expect(ok.status).toBe(201);
    expect(text(ok.text)).toContain('Đã nhận ý kiến về Xã Thượng Nông');
    expect(text((await noivu.get(meetingPath)).text)).toContain('Lê Văn Bình, 0987654321');
  });

  it('runs the ballot on the page: sign in, open, vote secretly', async () => {
    t.setNow(daysLater(t.now(), 21));
    agents.clear();
    for (const u of ['chutich', 'phochutich', 'noivu'])
      await postForm(await page(u), `${meetingPath}/attendance`, {});
    const chair = await page('chutich');
    const version = /name="version"\s+value="(\d+)"/.exec((await chair.get(meetingPath)).text)?.[1] ?? '';
    await postForm(chair, `${meetingPath}/step`, { type: 'OPEN', version });
    const voting = (await chair.get(meetingPath)).text;
    expect(text(voting)).toContain('Đang bỏ phiếu');
    const itemId = /name="itemId"\s+value="([^"]+)"/.exec(voting)?.[1] ?? '';
    await postForm(chair, `${meetingPath}/vote`, { itemId, choice: 'yes' });
    const after = text((await chair.get(meetingPath)).text);
    expect(after).toContain('Phiếu của bạn đã được ghi nhận (phiếu kín)');
    expect(after).toContain('Đã bỏ phiếu (kín)');
    // Another member sees that one ballot was cast, never what it said.
    const other = text((await (await page('phochutich')).get(meetingPath)).text);
    expect(other).toContain('1/4');
    expect(other).not.toMatch(/Nguyễn Văn Sơn[^·]*đồng ý/i);
  });
});
