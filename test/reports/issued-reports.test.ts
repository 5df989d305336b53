import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { AdminEvent } from '../../entities';
import { issueDecision } from '../helpers/decisions';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { binary } from '../helpers/http';
import { pdfText } from '../helpers/pdf';
import { createTestApp, type TestApp } from '../helpers/test-app';
import request from 'supertest';
import { pageLogin, postForm } from '../web/page-session';

let t: TestApp;
let decisionId = '';
let flowId = '';
beforeAll(async () => {
  t = await createTestApp();
  const flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
  decisionId = (await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] })).id;
  flowId = flow.id;
});
afterAll(async () => {
  await t.close();
});

const year = () => t.now().getUTCFullYear();
const parts = {
  strengths: 'Các cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo.\nPhong trào được nhân dân hưởng ứng.',
  shortcomings: 'Một số đơn vị đăng ký chậm.',
  causes: 'Công tác hướng dẫn chưa kịp thời.',
  nextTasks: 'Hướng dẫn các đơn vị hoàn thiện hồ sơ trước ngày 15/10.',
  proposals: 'Đề nghị bố trí kinh phí khen thưởng.',
  signerName: 'Trần Văn Phúc',
  signerPosition: 'Phó Giám đốc',
};

describe('issued reports stay issued', () => {
  it("drafts, writes the author's parts and issues: numbered, frozen, its PDF kept with its hash", async () => {
    const appraiser = await t.as('bcd138');
    const draft = await appraiser.post('/api/reports').send({ year: year(), period: 'annual' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({
      state: 'draft',
      number: null,
      allowedEvents: ['EDIT', 'ISSUE', 'CANCEL'],
    });
    // Incomplete parts: the machine refuses ISSUE with the reason, and nothing changes.
    const early = await appraiser
      .post(`/api/reports/${draft.body.id}/events`)
      .send({ type: 'ISSUE', version: 1 });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('report_incomplete');
    const edited = await appraiser.put(`/api/reports/${draft.body.id}`).send({ version: 1, ...parts });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(
      (await appraiser.put(`/api/reports/${draft.body.id}`).send({ version: 1, causes: 'x' })).status,
    ).toBe(409);
    const issued = await appraiser
      .post(`/api/reports/${draft.body.id}/events`)
      .send({ type: 'ISSUE', version: 2 });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body).toMatchObject({ state: 'issued', number: '01/BC-CAT-PV05', allowedEvents: [] });
    expect(issued.body.figures.totals).toMatchObject({ registered: 1, recognized: 1 });
    const pdf = (await binary(appraiser.get(`/api/reports/${draft.body.id}/pdf`)).expect(200)).body as Buffer;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(issued.body.documentSha256);
    const text = pdfText(pdf);
    for (const expected of [
      'Số: 01/BC-CAT-PV05',
      'V. ĐÁNH GIÁ CHUNG',
      'Phong trào được nhân dân hưởng ứng.',
      'VI. NHIỆM VỤ TRỌNG TÂM',
      'VII. ĐỀ XUẤT, KIẾN NGHỊ',
      'PHÓ GIÁM ĐỐC',
      'Trần Văn Phúc',
    ]) {
      expect(text).toContain(expected);
    }
    const audited = await t.ds.getRepository(AdminEvent).findBy({ targetId: draft.body.id });
    expect(audited.map((e) => e.action)).toEqual(['report.drafted', 'report.edited', 'report.issue']);

    // A later revocation changes the live figures, never the issued report.
    await issueDecision(t, {
      kind: 'revocation',
      dossierIds: [flowId],
      revokes: decisionId,
      ground: 'false_declaration',
      reason: 'Kê khai không trung thực',
    });
    const live = (await appraiser.get(`/api/reports/progress?year=${year()}`).expect(200)).body;
    expect(live.totals.recognized).toBe(0);
    const again = (await appraiser.get(`/api/reports/${draft.body.id}`).expect(200)).body;
    expect(again.figures.totals.recognized).toBe(1);
    const pdfAgain = (await binary(appraiser.get(`/api/reports/${draft.body.id}/pdf`)).expect(200))
      .body as Buffer;
    expect(Buffer.compare(pdf, pdfAgain)).toBe(0);
    // Issued is final: no edit, no second issue.
    expect(
      (await appraiser.put(`/api/reports/${draft.body.id}`).send({ version: 3, causes: 'x' })).status,
    ).toBe(409);
    // The next report of the body takes the next number.
    const second = await appraiser.post('/api/reports').send({ year: year(), period: 'annual' });
    await appraiser.put(`/api/reports/${second.body.id}`).send({ version: 1, ...parts });
    const issued2 = await appraiser
      .post(`/api/reports/${second.body.id}/events`)
      .send({ type: 'ISSUE', version: 2 });
    expect(issued2.body.number).toBe('02/BC-CAT-PV05');
    const list = (await appraiser.get(`/api/reports?year=${year()}`).expect(200)).body.items;
    expect(list.map((r: { number: string }) => r.number)).toEqual(['02/BC-CAT-PV05', '01/BC-CAT-PV05']);
  });

  it("a district's report is its own body's, numbered in its own register; others may not act on it", async () => {
    const district = await t.as('chiemhoa');
    const draft = await district.post('/api/reports').send({ year: year(), period: 'six_month' });
    expect(draft.status).toBe(201);
    expect(draft.body.districtId).not.toBeNull();
    expect((await (await t.as('nahang')).get(`/api/reports/${draft.body.id}`)).status).toBe(404);
    const appraiser = await t.as('bcd138');
    expect((await appraiser.get(`/api/reports/${draft.body.id}`)).status).toBe(200);
    expect(
      (await appraiser.put(`/api/reports/${draft.body.id}`).send({ version: 1, causes: 'x' })).status,
    ).toBe(403);
    await district
      .put(`/api/reports/${draft.body.id}`)
      .send({ version: 1, ...parts, signerPosition: 'Trưởng ban' });
    const issued = await district
      .post(`/api/reports/${draft.body.id}/events`)
      .send({ type: 'ISSUE', version: 2 });
    expect(issued.body.number).toBe('01/BC-BCĐ');
    const text = pdfText(
      (await binary(district.get(`/api/reports/${draft.body.id}/pdf`)).expect(200)).body as Buffer,
    );
    expect(text).toContain('UBND HUYỆN CHIÊM HÓA BAN CHỈ ĐẠO 138');
    expect(text).toContain('Số: 01/BC-BCĐ');
    expect(
      (await (await t.as('noivu')).post('/api/reports').send({ year: year(), period: 'annual' })).status,
    ).toBe(403);
    expect((await district.post('/api/reports').send({ year: 'x', period: 'annual' })).status).toBe(400);
  });

  it('the pages: draft from the reports page, write the parts, issue; the list shows its number', async () => {
    const agent = request.agent(t.app);
    await pageLogin(agent, 'bcd138');
    const drafted = await postForm(agent, '/reports/drafts', { year: String(year()), period: 'six_month' });
    expect(drafted.status).toBe(303);
    const path = drafted.headers.location as string;
    expect(path).toMatch(/^\/reports\/issued\//);
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('Ưu điểm');
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? '';
    const saved = await postForm(agent, path, { version, ...parts });
    expect(saved.status).toBe(303);
    const ready = await agent.get(path).expect(200);
    expect(ready.text).toContain('Phong trào được nhân dân hưởng ứng.');
    const v2 = /name="version" value="(\d+)"/.exec(ready.text)?.[1] ?? '';
    expect((await postForm(agent, `${path}/events`, { type: 'ISSUE', version: v2 })).status).toBe(303);
    const list = await agent.get(`/reports?year=${year()}`).expect(200);
    expect(list.text).toMatch(/Báo cáo 6 tháng \d{4}<\/a>\s*—\s*Đã ban hành, số \d{2}\/BC-CAT-PV05/);
    // Someone who does not owe reports sees no drafting form.
    const affairs = request.agent(t.app);
    await pageLogin(affairs, 'noivu');
    expect((await affairs.get(`/reports?year=${year()}`).expect(200)).text).not.toContain('Lập báo cáo');
  });
});
