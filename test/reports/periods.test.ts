import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDecision } from '../helpers/decisions';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

/*
 * A report covers its period up to a cut-off: the 6-month report the first half of the year. What
 * happens later — a submission in July, a revocation — never changes it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-05-04T02:00:00Z') });
});
afterAll(async () => {
  await t.close();
});

const report = async (query: string) =>
  (await (await t.as('bcd138')).get(`/api/reports/progress?year=2026&${query}`).expect(200)).body as {
    period: { kind: string; to: string; closed: boolean };
    asOf: string;
    totals: { registered: number; submitted: number; recognized: number };
    namedUnits: { unitName: string; recognized: boolean }[];
    summary: string;
  };
const recognizedNames = (r: Awaited<ReturnType<typeof report>>) =>
  r.namedUnits.filter((n) => n.recognized).map((n) => n.unitName);

describe('report periods and cut-offs', () => {
  it('counts only what happened up to the cut-off: a later recognition and a revocation change nothing', async () => {
    const recognized = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
    const decision = await issueDecision(t, { kind: 'recognition', dossierIds: [recognized.id] });
    const late = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'district_review',
    );
    const before = await report('period=six_month');
    expect(before.period).toMatchObject({ kind: 'six_month', to: '2026-06-30', closed: false });
    expect(before.totals).toMatchObject({ registered: 2, submitted: 2, recognized: 1 });

    // July: the second unit is recognized, the first revoked.
    t.setNow(new Date('2026-07-06T02:00:00Z'));
    await late.advanceTo('awaiting_decision');
    await issueDecision(t, { kind: 'recognition', dossierIds: [late.id] });
    await issueDecision(t, {
      kind: 'revocation',
      dossierIds: [recognized.id],
      revokes: decision.id,
      ground: 'false_declaration',
      reason: 'Kê khai không trung thực',
    });
    const sixMonth = await report('period=six_month');
    expect(sixMonth.period).toMatchObject({ closed: true });
    expect(sixMonth.asOf).toBe('2026-06-30T16:59:59.999Z');
    expect(sixMonth.totals).toMatchObject({ registered: 2, submitted: 2, recognized: 1 });
    expect(recognizedNames(sixMonth)).toEqual(['Xã Thượng Nông']);
    expect(sixMonth.summary).toMatch(/^6 tháng đầu năm 2026, /);
    const annual = await report('period=annual');
    expect(annual.period).toMatchObject({ kind: 'annual', closed: false });
    expect(annual.totals).toMatchObject({ registered: 2, submitted: 2, recognized: 1 });
    expect(recognizedNames(annual)).toEqual(['Xã Linh Phú']);
    expect(annual.summary).toMatch(/^Năm 2026, /);
  });
});
