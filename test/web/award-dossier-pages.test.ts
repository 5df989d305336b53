import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDecision } from '../helpers/decisions';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, pageToken, postForm } from './page-session';

let t: TestApp;
let flow: DossierFlow;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
  await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('the award dossier on the dossier page', () => {
  it('is proposed with the Tờ trình and the report, then appraised by Sở Nội vụ, without JSON', async () => {
    const appraiser = request.agent(t.app);
    await pageLogin(appraiser, 'bcd138');
    const page = (await appraiser.get(`/dossiers/${flow.id}`).expect(200)).text;
    expect(text(page)).toContain('Báo cáo thành tích của đơn vị');
    const version = /name="version"\s+value="(\d+)"/.exec(page)?.[1] ?? '';
    const token = await pageToken(appraiser, `/dossiers/${flow.id}`);
    const noFile = await appraiser
      .post(`/dossiers/${flow.id}/award-proposal?_csrf=${encodeURIComponent(token)}`)
      .field('proposalNumber', '21/TTr-BCĐ')
      .field('proposalDate', '2026-12-01')
      .field('version', version);
    expect(noFile.status).toBe(303);
    expect(text((await appraiser.get(`/dossiers/${flow.id}`)).text)).toContain(
      'Cần đính kèm báo cáo thành tích',
    );
    const sent = await appraiser
      .post(`/dossiers/${flow.id}/award-proposal?_csrf=${encodeURIComponent(token)}`)
      .field('proposalNumber', '21/TTr-BCĐ')
      .field('proposalDate', '2026-12-01')
      .field('version', version)
      .attach('file', PDF_BYTES, 'bao-cao-thanh-tich.pdf');
    expect(sent.status).toBe(303);
    const after = text((await appraiser.get(`/dossiers/${flow.id}`)).text);
    expect(after).toContain('Tờ trình số 21/TTr-BCĐ ngày 01/12/2026');
    expect(after).toContain('Chờ Sở Nội vụ thẩm định');
    const affairs = request.agent(t.app);
    await pageLogin(affairs, 'noivu');
    const form = (await affairs.get(`/dossiers/${flow.id}`)).text;
    const v2 =
      /action="\/dossiers\/[^"]+\/award-appraisal"[\s\S]*?name="version"\s+value="(\d+)"/.exec(form)?.[1] ??
      '';
    await postForm(affairs, `/dossiers/${flow.id}/award-appraisal`, {
      version: v2,
      opinion: 'Đủ điều kiện đề nghị tặng Bằng khen.',
      score: '',
    });
    expect(text((await affairs.get(`/dossiers/${flow.id}`)).text)).toContain('Thẩm định của Sở Nội vụ');
  });
});
