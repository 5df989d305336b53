import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let flow: DossierFlow;
beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).open();
  await flow.sendOk('unit', 'START', 'self_assessment');
});
afterAll(async () => {
  await t.close();
});

/** Sends a request and checks that the dossier did not change. */
async function refused(
  send: () => Promise<{ status: number; body: { error?: { code: string } } }>,
  status: number,
) {
  const before = await flow.get();
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error?.code).toBeTruthy();
  const after = await flow.get();
  expect(after.version).toBe(before.version);
  expect(after.state).toBe(before.state);
  return res.body.error as { code: string; message: string; details?: Record<string, unknown> };
}

const unit = () => t.as('thuongnong');
const events = () => `/api/dossiers/${flow.id}/events`;
const selfAssessment = () => `/api/dossiers/${flow.id}/self-assessment`;

describe('malformed and hostile payloads → 4xx, nothing changed', () => {
  it.each([
    ['wrong event type', { type: 'APPROVE', version: 2 }],
    ['version as string', { type: 'SUBMIT', version: '2' }],
    ['missing version', { type: 'SUBMIT' }],
    ['reason too long', { type: 'WITHDRAW', version: 2, reason: 'x'.repeat(5000) }],
    ['unknown key', { type: 'WITHDRAW', version: 2, state: 'recognized' }],
    ['an array body', [{ type: 'WITHDRAW', version: 2 }]],
  ])('events: %s → 400 with field messages in Vietnamese', async (_name, body) => {
    const error = await refused(async () => (await unit()).post(events()).send(body as object), 400);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/không hợp lệ/);
    expect(Array.isArray(error.details?.fields)).toBe(true);
  });

  it('a __proto__ key is refused and pollutes nothing', async () => {
    const raw =
      '{"type":"WITHDRAW","version":2,"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}';
    await refused(
      async () => (await unit()).post(events()).set('content-type', 'application/json').send(raw),
      400,
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('broken JSON → 400 malformed_json; a huge body → 413', async () => {
    const broken = await refused(
      async () => (await unit()).post(events()).set('content-type', 'application/json').send('{"type":'),
      400,
    );
    expect(broken.code).toBe('malformed_json');
    const huge = JSON.stringify({ type: 'WITHDRAW', version: 2, reason: 'x'.repeat(2_000_000) });
    await refused(
      async () => (await unit()).post(events()).set('content-type', 'application/json').send(huge),
      413,
    );
  });

  it.each([
    ['points above the maximum', [{ criterionCode: 'XA-06', points: 6 }], 422],
    ['unknown criterion', [{ criterionCode: 'XA-99', points: 1 }], 422],
    ['negative points', [{ criterionCode: 'XA-06', points: -1 }], 400],
    ['fractional points', [{ criterionCode: 'XA-06', points: 2.5 }], 400],
    ['points as a string', [{ criterionCode: 'XA-06', points: '5' }], 400],
    [
      'the same criterion twice',
      [
        { criterionCode: 'XA-06', points: 1 },
        { criterionCode: 'XA-06', points: 2 },
      ],
      400,
    ],
  ])('self-assessment: %s → %i', async (_name, scores, status) => {
    const error = await refused(async () => (await unit()).put(selfAssessment()).send({ scores }), status);
    if (status === 422) expect(error.details?.fields).toBeTruthy();
  });

  it.each([{ pageSize: 1000 }, { state: 'bogus' }, { page: -1 }, { year: 'abc' }, { foo: 1 }])(
    'list query %o → 400',
    async (query) => {
      const res = await (await unit()).get('/api/dossiers').query(query);
      expect(res.status).toBe(400);
    },
  );

  it('unknown ids → 404; unknown routes → 404', async () => {
    expect((await (await unit()).get('/api/dossiers/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await (await unit()).get("/api/dossiers/'; DROP TABLE dossiers; --")).status).toBe(404);
    expect((await (await unit()).get('/api/nothing-here')).status).toBe(404);
  });
});

describe('rules → 422 with what is missing, nothing changed', () => {
  it('SUBMIT an incomplete self-assessment lists the missing scores and evidence', async () => {
    const error = await refused(
      async () => (await unit()).post(events()).send({ type: 'SUBMIT', version: (await flow.get()).version }),
      422,
    );
    expect(error.code).toBe('self_assessment_incomplete');
    expect(error.details?.missingScores).toHaveLength(10);
    expect(error.details?.missingEvidence).toContain('XA-01');
  });

  it('SUBMIT a failing self-assessment names the failed mandatory criteria', async () => {
    await flow.selfAssess((i) => (i.code === 'XA-07' ? 10 : i.maxPoints));
    await flow.attachEvidence();
    const error = await refused(
      async () => (await unit()).post(events()).send({ type: 'SUBMIT', version: (await flow.get()).version }),
      422,
    );
    expect(error.code).toBe('self_assessment_not_passing');
    expect(error.details).toMatchObject({ total: 95, passingScore: 90, failedMandatory: ['XA-07'] });
  });

  it('SUBMIT after the plan deadline is refused', async () => {
    await flow.selfAssess();
    const realNow = t.now();
    t.setNow(new Date(realNow.getTime() + 90 * 24 * 3600 * 1000));
    try {
      const error = await refused(
        async () =>
          (await unit()).post(events()).send({ type: 'SUBMIT', version: (await flow.get()).version }),
        422,
      );
      expect(error.code).toBe('submission_deadline_passed');
    } finally {
      t.setNow(realNow);
    }
  });

  it('an event the state does not take → 409 naming the allowed events', async () => {
    const error = await refused(
      async () => (await unit()).post(events()).send({ type: 'PASS', version: (await flow.get()).version }),
      409,
    );
    expect(error).toMatchObject({
      code: 'event_not_allowed',
      details: { state: 'self_assessment', allowedEvents: ['SUBMIT', 'WITHDRAW'] },
    });
  });

  it('each event has its own schema: unknown types name the accepted ones, extra fields are refused', async () => {
    const v = (await flow.get()).version;
    const unknownType = await refused(
      async () => (await unit()).post(events()).send({ type: 'FINISH', version: v }),
      400,
    );
    expect(unknownType.details).toMatchObject({ fields: [{ field: 'type' }] });
    expect(JSON.stringify(unknownType.details)).toContain('SUBMIT');
    const extra = await refused(
      async () => (await unit()).post(events()).send({ type: 'WITHDRAW', version: v, reason: 'x' }),
      400,
    );
    expect(extra.details).toMatchObject({ fields: [{ code: 'unrecognized_keys' }] });
  });

  it('RETURN without a reason → 400 on the field; with criteria not in the set → 422', async () => {
    await flow.sendOk('unit', 'SUBMIT', 'district_review');
    const district = await t.as('nahang');
    const v = (await flow.get()).version;
    const noReason = await refused(
      async () => district.post(events()).send({ type: 'RETURN', version: v, reason: '   ' }),
      400,
    );
    expect(noReason.details).toMatchObject({ fields: [{ field: 'reason' }] });
    const unknown = await refused(
      async () =>
        district
          .post(events())
          .send({ type: 'RETURN', version: v, reason: 'Bổ sung', criteria: [{ code: 'CQ-01' }] }),
      422,
    );
    expect(unknown.code).toBe('unknown_criteria');
    const forward = await refused(
      async () => district.post(events()).send({ type: 'FORWARD', version: v }),
      422,
    );
    expect(forward.code).toBe('review_incomplete');
  });
});
