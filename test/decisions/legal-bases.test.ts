import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent, CriteriaSet, Province } from '../../entities';
import { issueDecision } from '../helpers/decisions';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { binary } from '../helpers/http';
import { pdfText } from '../helpers/pdf';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from '../web/page-session';

let t: TestApp;
let provinceId = '';
beforeAll(async () => {
  t = await createTestApp();
  provinceId = (await t.ds.getRepository(Province).findOneByOrFail({ code: 'TQ' })).id;
});
afterAll(async () => {
  await t.close();
});

const decisionText = async (id: string) =>
  pdfText((await binary((await t.as('noivu')).get(`/api/decisions/${id}/pdf`)).expect(200)).body as Buffer);

describe('legal bases are data per province and kind', () => {
  it('a decision cites the defaults with their dates, the plan with its number and the Tờ trình; never QĐ 9745 for the product’s own set', async () => {
    const flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
    const issued = await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    const text = await decisionText(issued.id);
    expect(text).toContain('Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;');
    expect(text).toContain('Căn cứ Kế hoạch số 630/KH-BCA-V05 ngày 28 tháng 12 năm 2022');
    expect(text).toContain('Căn cứ Thông tư số 124/2021/TT-BCA ngày 28 tháng 12 năm 2021');
    expect(text).toMatch(/Xét đề nghị của Sở Nội vụ tại Tờ trình số 15\/TTr-SNV ngày \d\d\/\d\d\/\d{4}\./);
    expect(text).not.toContain('9745');
  });

  it('the admin replaces them (each must carry its date); the next decision cites the new list', async () => {
    const admin = await t.as('admin');
    const undated = await admin
      .put('/api/legal-bases/recognition')
      .send({ provinceId, bases: ['Luật Tổ chức chính quyền địa phương'] });
    expect(undated.status).toBe(422);
    expect(undated.body.error.details.fields[0].field).toBe('bases.0');
    expect(
      (await (await t.as('noivu')).put('/api/legal-bases/recognition').send({ provinceId, bases: [] }))
        .status,
    ).toBe(403);
    const bases = [
      'Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
      'Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh về thi đua',
    ];
    const saved = await admin.put('/api/legal-bases/recognition').send({ provinceId, bases }).expect(200);
    expect(saved.body.find((k: { kind: string }) => k.kind === 'recognition')).toMatchObject({
      bases,
      own: true,
    });
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'awaiting_decision',
    );
    const issued = await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    const text = await decisionText(issued.id);
    expect(text).toContain('Căn cứ Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2026');
    expect(text).not.toContain('Thông tư số 124/2021');
  });

  it('the admin page edits them one per line, errors beside the field', async () => {
    const agent = request.agent(t.app);
    await pageLogin(agent, 'admin');
    const page = await agent.get('/admin/legal-bases').expect(200);
    expect(page.text).toContain('Quyết định khen thưởng (đang dùng mặc định)');
    const res = await postForm(agent, '/admin/legal-bases/award', {
      provinceId,
      bases: 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\nLuật không có ngày',
    });
    expect(res.status).toBe(303);
    const after = await agent.get('/admin/legal-bases').expect(200);
    expect(after.text).toContain('Mỗi căn cứ phải ghi số (nếu có) và ngày ban hành');
    expect(after.text).toContain('Luật không có ngày');
  });

  it('who decides each kind is province data: the collective body signs "TM. ỦY BAN NHÂN DÂN", on the page too', async () => {
    const admin = await t.as('admin');
    const before = await admin.get(`/api/legal-bases?provinceId=${provinceId}`).expect(200);
    expect(before.body.find((k: { kind: string }) => k.kind === 'award')).toMatchObject({
      collective: false,
    });
    expect(
      (
        await (
          await t.as('noivu')
        )
          .put('/api/legal-bases/award/authority')
          .send({ provinceId, collective: true })
      ).status,
    ).toBe(403);
    const bad = await admin.put('/api/legal-bases/award/authority').send({ provinceId, collective: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('collective');
    expect(
      (await admin.put('/api/legal-bases/award/authority').send({ provinceId: 'nope', collective: true }))
        .status,
    ).toBe(404);

    const agent = request.agent(t.app);
    await pageLogin(agent, 'admin');
    expect((await agent.get('/admin/legal-bases').expect(200)).text).toContain('Thẩm quyền ban hành');
    expect(
      (await postForm(agent, '/admin/legal-bases/award/authority', { provinceId, collective: '1' })).status,
    ).toBe(303);
    const after = await admin.get(`/api/legal-bases?provinceId=${provinceId}`).expect(200);
    expect(after.body.find((k: { kind: string }) => k.kind === 'award')).toMatchObject({ collective: true });
    expect(after.body.find((k: { kind: string }) => k.kind === 'recognition')).toMatchObject({
      collective: false,
    });

    const flow = await new DossierFlow(t, { unit: 'triphu', district: 'chiemhoa' }).advanceTo(
      'awaiting_decision',
    );
    await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    await flow.proposeAward();
    const issued = await issueDecision(t, { kind: 'award', dossierIds: [flow.id] });
    const text = await decisionText(issued.id);
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).not.toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH');
    const award = pdfText(
      (await binary((await t.as('noivu')).get(`/api/dossiers/${flow.id}/award.pdf`)).expect(200))
        .body as Buffer,
    );
    expect(award).toContain('TM. ỦY BAN NHÂN DÂN');
    const logged = await t.ds.getRepository(AdminEvent).findBy({ action: 'decision_authority.updated' });
    expect(logged.map((e) => e.targetId)).toContain(provinceId);
    await admin.put('/api/legal-bases/award/authority').send({ provinceId, collective: false }).expect(200);
  });

  it('the admin marks a criteria set official on its page; only then do decisions cite QĐ 9745', async () => {
    const set = await t.ds.getRepository(CriteriaSet).findOneByOrFail({ code: 'QD9745-XA', active: true });
    const staff = request.agent(t.app);
    await pageLogin(staff, 'noivu');
    expect((await postForm(staff, `/admin/criteria/${set.id}/official`, { official: '1' })).status).toBe(403);
    const agent = request.agent(t.app);
    await pageLogin(agent, 'admin');
    expect((await agent.get(`/admin/criteria/${set.id}`).expect(200)).text).toContain(
      'Bộ tiêu chí tái lập (không chính thức)',
    );
    expect((await postForm(agent, `/admin/criteria/${set.id}/official`, { official: '1' })).status).toBe(303);
    expect((await agent.get(`/admin/criteria/${set.id}`).expect(200)).text).toContain(
      'Bộ tiêu chí chính thức của Bộ Công an',
    );
    const flow = await new DossierFlow(t, { unit: 'trungminh', district: 'yenson' }).advanceTo(
      'awaiting_decision',
    );
    const issued = await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    expect(await decisionText(issued.id)).toContain('Căn cứ Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022');
    const logged = await t.ds.getRepository(AdminEvent).findBy({ action: 'criteria.marked_official' });
    expect(logged.map((e) => e.targetId)).toEqual([set.id]);
    await postForm(agent, `/admin/criteria/${set.id}/official`, { official: '0' });
  });
});
