import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow, PROVINCE_SCHOOL, type FlowActors } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const today = () => t.now().toISOString().slice(0, 10);
const signer = () => ({ signedAt: today(), signerName: 'Nguyễn Văn Sơn', signerTitle: 'Chủ tịch' });
const COMMUNES: FlowActors[] = [
  COMMUNE,
  { unit: 'linhphu', district: 'chiemhoa' },
  { unit: 'triphu', district: 'chiemhoa' },
  { unit: 'trungminh', district: 'yenson' },
  { unit: 'hungloi', district: 'yenson' },
  { unit: 'minhhuong', district: 'hamyen' },
  { unit: 'yenlam', district: 'hamyen' },
];
let ready: DossierFlow[];

beforeAll(async () => {
  t = await createTestApp();
  ready = [];
  for (const actors of [...COMMUNES, PROVINCE_SCHOOL])
    ready.push(await new DossierFlow(t, actors).advanceTo('awaiting_decision'));
});
afterAll(async () => {
  await t.close();
});

const issue = async (body: Record<string, unknown>) =>
  (await t.as('noivu')).post('/api/decisions').send(body);

describe('recognition decisions', () => {
  it('only internal affairs issues decisions', async () => {
    for (const username of ['bcd138', 'nahang', 'thuongnong', 'admin']) {
      const res = await (
        await t.as(username)
      )
        .post('/api/decisions')
        .send({ kind: 'recognition', dossierIds: [ready[0].id], ...signer() });
      expect(res.status).toBe(403);
    }
    expect((await request(t.app).post('/api/decisions').send({})).status).toBe(401);
  });

  it('refuses the whole batch when one dossier is not ready, naming it, and consumes no number', async () => {
    const notReady = await new DossierFlow(t, { unit: 'yenphu', district: 'hamyen' }).advanceTo(
      'district_review',
    );
    const res = await issue({ kind: 'recognition', dossierIds: [ready[0].id, notReady.id], ...signer() });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'dossiers_not_ready',
      details: { dossiers: [{ id: notReady.id, state: 'district_review' }] },
    });
    expect((await ready[0].get()).state).toBe('awaiting_decision');
    const unknown = await issue({
      kind: 'recognition',
      dossierIds: [ready[0].id, '00000000-0000-0000-0000-000000000000'],
      ...signer(),
    });
    expect(unknown.status).toBe(404);
    expect((await issue({ kind: 'recognition', dossierIds: [], ...signer() })).status).toBe(400);
    expect(
      (await issue({ kind: 'recognition', dossierIds: [ready[0].id, ready[0].id], ...signer() })).status,
    ).toBe(400);
    expect(
      (await issue({ kind: 'recognition', dossierIds: [ready[0].id], ...signer(), signedAt: '2099-01-01' }))
        .status,
    ).toBe(422);
    expect(
      (await issue({ kind: 'recognition', dossierIds: [ready[0].id], ...signer(), signedAt: '2026-02-30' }))
        .status,
    ).toBe(400);
    // Dates are validated whole, not cut to their first ten characters.
    const tail = await issue({
      kind: 'recognition',
      dossierIds: [ready[0].id],
      ...signer(),
      signedAt: `${today()}<script>`,
    });
    expect(tail.status).toBe(400);
    expect(tail.body.error.details.fields[0].field).toBe('signedAt');
    // Backdated before the dossier was ready for a decision (and before it existed): refused, nothing issued.
    const backdated = await issue({
      kind: 'recognition',
      dossierIds: [ready[0].id],
      ...signer(),
      signedAt: '2000-01-01',
    });
    expect(backdated.status).toBe(422);
    expect(backdated.body.error.code).toBe('signed_before_ready');
    expect((await ready[0].get()).state).toBe('awaiting_decision');
  });

  it('recognizes several units in one numbered decision, each with its own certificate serial', async () => {
    const res = await issue({
      kind: 'recognition',
      dossierIds: [ready[0].id, ready[1].id, ready[2].id],
      ...signer(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: '1/QĐ-UBND',
      kind: 'recognition',
      dossierIds: [ready[0].id, ready[1].id, ready[2].id],
    });
    const serials = res.body.items.map((i: { serial: string }) => i.serial);
    expect(new Set(serials).size).toBe(3);
    for (const s of serials) expect(s).toMatch(/^TQ-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    for (const [i, flow] of ready.slice(0, 3).entries()) {
      const d = await flow.get();
      expect(d.state).toBe('recognized');
      expect(d.certificate).toMatchObject({
        serial: serials[i],
        issuedAt: today(),
        decisionNumber: '1/QĐ-UBND',
        valid: true,
      });
    }
    const history = (await (await t.as('thuongnong')).get(`/api/dossiers/${ready[0].id}/history`)).body;
    expect(history.at(-1)).toMatchObject({
      type: 'RECOGNIZE',
      from: 'awaiting_decision',
      to: 'recognized',
      actor: { username: 'noivu' },
    });
    expect((await (await t.as('noivu')).get(`/api/decisions/${res.body.id}`).expect(200)).body.number).toBe(
      '1/QĐ-UBND',
    );
    expect((await (await t.as('thuongnong')).get(`/api/decisions/${res.body.id}`)).status).toBe(200);
    expect((await (await t.as('dongtho')).get(`/api/decisions/${res.body.id}`)).status).toBe(404);
  });

  it('numbers concurrent decisions without repeats or gaps', async () => {
    const results = await Promise.all(
      ready.slice(3).map((f) => issue({ kind: 'recognition', dossierIds: [f.id], ...signer() })),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const numbers = results.map((r) => Number(String(r.body.number).split('/')[0])).sort((a, b) => a - b);
    expect(numbers).toEqual([2, 3, 4, 5, 6]);
    const list = (await (await t.as('noivu')).get('/api/decisions').expect(200)).body;
    expect(list.total).toBe(6);
  });

  it('a second decision for the same dossier is refused (one achievement, one recognition)', async () => {
    const res = await issue({ kind: 'recognition', dossierIds: [ready[0].id], ...signer() });
    expect(res.status).toBe(409);
  });
});

describe('verification and revocation', () => {
  it('verifies a certificate publicly, then shows it revoked with date and reason after REVOKE', async () => {
    const flow = ready[1];
    const { certificate } = (await flow.get()) as unknown as { certificate: { serial: string } };
    const anon = request(t.app);
    const before = await anon.get(`/api/verify/${certificate.serial}`).expect(200);
    expect(before.body).toMatchObject({
      serial: certificate.serial,
      valid: true,
      unitName: 'Xã Linh Phú',
      decisionNumber: '1/QĐ-UBND',
      issuedAt: today(),
    });
    expect(before.body.revokedAt).toBeUndefined();
    const page = await anon.get(`/verify/${certificate.serial}`).expect(200);
    expect(page.text).toContain('CÒN HIỆU LỰC');
    expect(page.text).toContain('Xã Linh Phú');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");

    const noReason = await flow.send('affairs', 'REVOKE', { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields[0].field).toBe('reason');
    expect((await flow.send('province', 'REVOKE', { reason: 'x' })).status).toBe(403);
    const reason = 'Để xảy ra vụ án giết người nghiêm trọng trên địa bàn';
    const revoked = await flow.sendOk('affairs', 'REVOKE', 'revoked', { reason });
    expect(revoked.certificate).toMatchObject({ valid: false });

    const after = await anon.get(`/api/verify/${certificate.serial}`).expect(200);
    expect(after.body).toMatchObject({
      valid: false,
      revokedAt: today(),
      revocationReason: reason,
      revocationDecisionNumber: '7/QĐ-UBND',
    });
    const revokedPage = await anon.get(`/verify/${certificate.serial}`).expect(200);
    expect(revokedPage.text).toContain('ĐÃ BỊ THU HỒI');
    expect(revokedPage.text).toContain(reason);

    const decisions = (await (await t.as('noivu')).get('/api/decisions?kind=revocation').expect(200)).body;
    expect(decisions.items[0]).toMatchObject({
      kind: 'revocation',
      reason,
      dossierIds: [flow.id],
      signerName: 'Nguyễn Văn Sơn',
    });
    expect(decisions.items[0].revokesDecisionId).toBeTruthy();
  });

  it('answers 404 for unknown serials, without listing anything', async () => {
    expect((await request(t.app).get('/api/verify/TQ-2026-0000-0000-0000')).status).toBe(404);
    const page = await request(t.app).get('/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('<script>');
    // No listing: without a serial the path is not public.
    expect([401, 404]).toContain((await request(t.app).get('/api/verify/')).status);
  });
});

describe('awards', () => {
  it('proposes an award, issues the award decision with a register number, and the Bằng khen verifies', async () => {
    const flow = ready[2];
    await flow.sendOk('province', 'PROPOSE_AWARD', 'award_proposed');
    const res = await issue({ kind: 'award', dossierIds: [flow.id], ...signer() });
    expect(res.status).toBe(201);
    expect(res.body.items[0].registerNumber).toBe(1);
    const d = (await flow.get()) as unknown as {
      state: string;
      award: { serial: string; registerNumber: number };
    };
    expect(d.state).toBe('awarded');
    expect(d.award.registerNumber).toBe(1);
    const v = await request(t.app).get(`/api/verify/${d.award.serial}`).expect(200);
    expect(v.body).toMatchObject({ kind: 'award', valid: true });
    // The award cannot be given twice.
    expect((await issue({ kind: 'award', dossierIds: [flow.id], ...signer() })).status).toBe(409);
  });

  it('revokes by decision for several dossiers at once', async () => {
    const res = await issue({
      kind: 'revocation',
      dossierIds: [ready[3].id, ready[4].id],
      reason: 'Kê khai thành tích không đúng sự thật',
      ...signer(),
    });
    expect(res.status).toBe(201);
    expect((await ready[3].get()).state).toBe('revoked');
    expect((await ready[4].get()).state).toBe('revoked');
  });
});
