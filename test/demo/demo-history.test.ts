import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Dossier, Unit, User } from '../../entities';
import { PAST_YEARS } from '../../src/demo/history/past-years';
import { currentDeadlines } from '../../src/demo/demo-plans';
import { binary } from '../helpers/http';
import { pdfText } from '../helpers/pdf';
import { pdfsig } from '../helpers/signing';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ history: true });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

interface Report {
  totals: { registered: number; submitted: number; recognized: number };
  namedUnits: { unitName: string; recognized: boolean }[];
  targets: { label: string; achieved: number; required: number }[];
}

const progress = async (year: number, period = 'annual'): Promise<Report> =>
  (await (await t.as('bcd138')).get(`/api/reports/progress?year=${year}&period=${period}`).expect(200)).body;

const recognizedIn = (year: number) =>
  PAST_YEARS.find((y) => y.year === year)?.participants.filter(
    (p) => p.outcome === 'recognized' || p.outcome === 'returned',
  ).length ?? 0;

describe('the demo’s past years (2023–2025 of seed 003’s plan)', () => {
  it('report the progress their dossiers made, year by year', async () => {
    for (const y of PAST_YEARS) {
      const report = await progress(y.year);
      // A withdrawn dossier no longer counts as registered (the machine's `registered` tag).
      const kept = y.participants.filter((p) => p.outcome !== 'withdrawn').length;
      expect(report.totals.registered, String(y.year)).toBe(kept);
      expect(report.totals.submitted).toBe(kept);
      expect(report.totals.recognized).toBe(recognizedIn(y.year));
      expect(report.targets.some((target) => target.achieved > 0)).toBe(true);
      // The same count read from the dossiers themselves: recognized then (Tri Phú was revoked in 2024).
      const dossiers = await t.ds.getRepository(Dossier).find({ where: { year: y.year } });
      const decided = dossiers.filter((d) => ['recognized', 'awarded', 'revoked'].includes(d.state));
      expect(decided.length).toBe(recognizedIn(y.year));
    }
  });

  it('keep 2023’s named communes: nine recognized that year, Tri Phú revoked in 2024', async () => {
    const named = (await progress(2023)).namedUnits;
    expect(named).toHaveLength(10);
    expect(named.filter((u) => u.recognized).map((u) => u.unitName)).not.toContain('Xã Hùng Lợi');
    expect(named.filter((u) => u.recognized)).toHaveLength(9);
    const triPhu = await t.ds.getRepository(Unit).findOneByOrFail({ code: 'CH-TRIPHU' });
    const dossier = await t.ds.getRepository(Dossier).findOneByOrFail({ unitId: triPhu.id, year: 2023 });
    expect(dossier.state).toBe('revoked');
    // The cumulative target of 2025 counts what stands at its end: Tri Phú no longer, Hùng Lợi at last.
    const dvm = (await progress(2025)).targets.find((x) => x.label.includes('Dương Văn Mình'));
    expect(dvm).toMatchObject({ required: 10, achieved: 9 });
  });

  it('were lived through the services: each step by its own account, on its own date', async () => {
    const events = await t.ds.getRepository(AuditEvent).find({ order: { at: 'ASC' } });
    const dossierIds = new Set(events.filter((e) => e.type === 'CREATE').map((e) => e.dossierId));
    expect(dossierIds.size).toBe(PAST_YEARS.reduce((n, y) => n + y.participants.length, 0));
    const users = new Map((await t.ds.getRepository(User).find()).map((u) => [u.id, u]));
    const submits = events.filter((e) => e.type === 'SUBMIT');
    expect(submits.every((e) => users.get(e.actorId ?? '')?.role === 'unit_officer')).toBe(true);
    const returns = events.filter((e) => e.type === 'RETURN');
    expect(returns.length).toBe(
      PAST_YEARS.flatMap((y) => y.participants).filter((p) => p.outcome === 'returned').length,
    );
    expect(events.filter((e) => e.type === 'REJECT')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'ATTACHMENT_ADDED').length).toBeGreaterThan(100);
    expect(events.every((e) => e.at < '2026-01-01')).toBe(true);
  });

  it('issued and signed their decisions: recognitions, a revocation and an award', async () => {
    const affairs = await t.as('noivu');
    const issued = (await affairs.get('/api/decisions?state=issued').expect(200)).body.items as {
      id: string;
      kind: string;
      documentSha256: string;
    }[];
    expect(issued.map((d) => d.kind).sort()).toEqual([
      'award',
      'recognition',
      'recognition',
      'recognition',
      'revocation',
    ]);
    const recognition = issued.find((d) => d.kind === 'recognition');
    const pdf = (await binary(affairs.get(`/api/decisions/${recognition?.id}/pdf`)).expect(200))
      .body as Buffer;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(recognition?.documentSha256);
    const signatures = pdfsig(pdf);
    expect(signatures.length).toBeGreaterThanOrEqual(2);
    expect(signatures.every((s) => s.valid)).toBe(true);
  });

  it('issued the reports of each year, frozen with the figures of their day', async () => {
    const appraiser = await t.as('bcd138');
    for (const y of PAST_YEARS) {
      const list = (await appraiser.get(`/api/reports?year=${y.year}`).expect(200)).body.items as {
        id: string;
        period: string;
        state: string;
        districtId: string | null;
      }[];
      const own = list.filter((r) => r.districtId === null);
      expect(own.map((r) => `${r.period}:${r.state}`).sort()).toEqual(['annual:issued', 'six_month:issued']);
      const annual = own.find((r) => r.period === 'annual');
      const report = (await appraiser.get(`/api/reports/${annual?.id}`).expect(200)).body;
      expect(report.figures.totals.recognized).toBe(recognizedIn(y.year));
      // The 6-month report was issued on 10 June: August's submissions and the autumn's decisions came later.
      const sixMonth = own.find((r) => r.period === 'six_month');
      const early = (await appraiser.get(`/api/reports/${sixMonth?.id}`).expect(200)).body;
      expect(early.figures.totals.submitted).toBeLessThan(report.figures.totals.submitted);
      expect(early.figures.totals.recognized).toBe(0);
      const text = pdfText((await binary(appraiser.get(`/api/reports/${annual?.id}/pdf`)).expect(200)).body);
      expect(text).toContain(`năm ${y.year}`);
    }
    const district = (await (await t.as('hamyen')).get('/api/reports?year=2023').expect(200)).body.items;
    expect(district.filter((r: { state: string }) => r.state === 'issued')).toHaveLength(1);
  });

  it('leave every inbox read: the demo starts from today', async () => {
    for (const who of ['thuongnong', 'nahang', 'bcd138', 'chutich']) {
      const inbox = (await (await t.as(who)).get('/api/notifications').expect(200)).body;
      expect(inbox.total, who).toBeGreaterThan(0);
      expect(inbox.unread, who).toBe(0);
    }
  });
});

describe('the current year’s demo plan', () => {
  it('keeps its dates in order whatever day the demo starts', () => {
    for (const today of ['2026-01-02', '2026-06-15', '2026-12-02']) {
      const d = currentDeadlines(today);
      const order = [
        today,
        d.registrationDeadline,
        d.submissionDeadline,
        d.districtReviewDeadline,
        d.appraisalDeadline,
        d.sixMonthReportDeadline,
        d.annualReportDeadline,
      ];
      expect([...order].sort()).toEqual(order);
      expect(new Set(order).size).toBe(order.length);
    }
  });
});
