import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Runs on SQLite and on PostgreSQL (npm run test:pg): PostgreSQL cannot store U+0000 and answered 500.
let t: TestApp;
let flow: DossierFlow;
let errorLog: ReturnType<typeof vi.spyOn>;
beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).open();
  await flow.sendOk('unit', 'START', 'self_assessment');
  errorLog = vi.spyOn(console, 'error');
});
afterAll(async () => {
  errorLog.mockRestore();
  await t.close();
});

const NUL = '\u0000';

describe('a NUL character (U+0000) is bad input on both databases, never a 500', () => {
  it('in the login name (no session needed): 400', async () => {
    const res = await request(t.app)
      .post('/api/session')
      .send({ username: `admin${NUL}`, password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_characters' });
    expect(res.body.error.details.fields[0].field).toBe('username');
  });

  it('in a public path id: 404 for the API and the page', async () => {
    expect((await request(t.app).get(`/api/verify/AB${encodeURIComponent(NUL)}CD`)).status).toBe(404);
    expect((await request(t.app).get(`/verify/AB${encodeURIComponent(NUL)}CD`)).status).toBe(404);
  });

  it('in ids, queries, bodies and multipart fields of logged-in routes', async () => {
    const unit = await t.as('thuongnong');
    const version = (await flow.get()).version;
    const cases = [
      await unit.get(`/api/dossiers/${encodeURIComponent(`x${NUL}`)}`),
      await unit.get(`/api/dossiers?q=${encodeURIComponent(`a${NUL}b`)}`),
      await unit.get(`/api/units?districtId=${encodeURIComponent(NUL)}`),
      await unit.post(`/api/dossiers/${flow.id}/events`).send({ type: 'WITHDRAW', version, [`x${NUL}`]: 1 }),
      await unit
        .put(`/api/dossiers/${flow.id}/self-assessment`)
        .send({ scores: [], report: `Báo cáo${NUL}` }),
      await unit
        .post(`/api/dossiers/${flow.id}/attachments`)
        .field('criterionCode', `XA-01${NUL}`)
        .attach('file', PDF_BYTES, 'a.pdf'),
      await (
        await t.as('admin')
      )
        .put('/api/holidays')
        .send({ holidays: [{ date: '2026-09-03', name: `Nghỉ${NUL}` }] }),
    ];
    expect(cases.map((r) => r.status)).toEqual([404, 400, 400, 400, 400, 400, 400]);
    for (const r of cases) expect(r.body.error.message).toMatch(/[\u00C0-\u1EF9]/); // Vietnamese letters
    expect((await flow.get()).version).toBe(version);
  });

  it('logged nothing as our fault', () => {
    expect(errorLog).not.toHaveBeenCalled();
  });
});

describe('bidirectional controls never reach what a person reads', () => {
  it('are stripped from an uploaded file name and from text fields', async () => {
    const unit = await t.as('thuongnong');
    const upload = await unit
      .post(`/api/dossiers/${flow.id}/attachments`)
      .attach('file', PDF_BYTES, 'hoa-don\u202Efdp.exe.pdf');
    expect(upload.status).toBe(201);
    expect(upload.body.fileName).toBe('hoa-donfdp.exe.pdf');
    const report = 'Báo cáo \u2066kết quả\u2069 \u200Fnăm';
    const saved = await unit.put(`/api/dossiers/${flow.id}/self-assessment`).send({ scores: [], report });
    expect(saved.status).toBe(200);
    expect(saved.body.selfAssessment.report).toBe('Báo cáo kết quả năm');
  });
});
