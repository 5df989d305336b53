import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../entities';
import { draftDecision, issueDecision, userIdOf } from '../helpers/decisions';
import { binary } from '../helpers/http';
import { sweepOrphanFiles } from '../../src/attachments/attachment-files';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { vnDate } from '../../src/calendar/time';

let t: TestApp;
let flow: DossierFlow;
beforeAll(async () => {
  t = await createTestApp();
  flow = await new DossierFlow(t, COMMUNE).advanceTo('awaiting_decision');
  await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
}, 180_000);
afterAll(async () => {
  await t.close();
});

const propose = async (username: string, fields: Record<string, string>, file = true) => {
  const req = (await t.as(username)).post(`/api/dossiers/${flow.id}/award-proposal`);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  return file ? req.attach('file', PDF_BYTES, 'bao-cao-thanh-tich.pdf') : req;
};

describe('the award dossier', () => {
  it('is not proposed with one click: PROPOSE_AWARD needs the Tờ trình and the achievement report', async () => {
    const bare = await flow.send('province', 'PROPOSE_AWARD');
    expect([bare.status, bare.body.error.code]).toEqual([422, 'award_proposal_required']);
    const { version } = await flow.get();
    const noFile = await propose(
      'bcd138',
      { proposalNumber: '21/TTr-BCĐ', proposalDate: vnDate(t.now()), version: String(version) },
      false,
    );
    expect([noFile.status, noFile.body.error.code]).toEqual([422, 'achievement_report_required']);
    const bad = await propose('bcd138', {
      proposalNumber: '',
      proposalDate: '2026-02-30',
      version: String(version),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'proposalDate',
      'proposalNumber',
    ]);
    const wrongRole = await propose('noivu', {
      proposalNumber: '21/TTr-BCĐ',
      proposalDate: vnDate(t.now()),
      version: String(version),
    });
    expect(wrongRole.status).toBe(403);
    expect((await flow.get()).state).toBe('recognized'); // nothing changed
  });

  it('keeps the proposal and the report with the dossier, then Sở Nội vụ appraises it', async () => {
    await flow.proposeAward(false);
    const view = (await flow.get('affairs')) as unknown as {
      awardProposal: { proposalNumber: string; reportUrl: string; appraisal: unknown };
    };
    expect(view.awardProposal.proposalNumber).toBe('21/TTr-BCĐ');
    expect(view.awardProposal.appraisal).toBeNull();
    expect((await sweepOrphanFiles(t.ctx, 0)).removed).toBe(0); // the report is a kept file
    const report = await binary((await t.as('noivu')).get(view.awardProposal.reportUrl)).expect(200);
    expect(Buffer.compare(report.body as Buffer, PDF_BYTES)).toBe(0);
    // The award is not drafted before the appraisal.
    const early = await (await t.as('noivu')).post('/api/decisions').send({
      kind: 'award',
      dossierIds: [flow.id],
      proposal: { number: '30/TTr-SNV', date: vnDate(t.now()), body: 'Sở Nội vụ' },
      signerId: await userIdOf(t, 'chutich'),
    });
    expect([early.status, early.body.error.code]).toEqual([422, 'award_not_appraised']);
    const { version, editable } = await flow.get('affairs');
    expect((editable as { awardAppraisal: boolean }).awardAppraisal).toBe(true);
    const notTheirs = await (
      await t.as('bcd138')
    )
      .post(`/api/dossiers/${flow.id}/award-appraisal`)
      .send({ opinion: 'Đồng ý đề nghị', version });
    expect(notTheirs.status).toBe(403);
    const empty = await (
      await t.as('noivu')
    )
      .post(`/api/dossiers/${flow.id}/award-appraisal`)
      .send({ opinion: '', version });
    expect(empty.status).toBe(400);
    const ok = await (
      await t.as('noivu')
    )
      .post(`/api/dossiers/${flow.id}/award-appraisal`)
      .send({ opinion: 'Hồ sơ đủ thành phần; đủ điều kiện khen thưởng.', score: 90, version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.awardProposal.appraisal).toMatchObject({ score: 90 });
    const audit = await t.ds.getRepository(AuditEvent).findBy({ dossierId: flow.id, type: 'APPRAISE_AWARD' });
    expect(audit.map((a) => [a.actorUsername, a.fromState, a.toState])).toEqual([
      ['noivu', 'award_proposed', 'award_proposed'],
    ]);
    const draft = await draftDecision(t, { kind: 'award', dossierIds: [flow.id] });
    expect(draft.state).toBe('draft');
  });

  it('refuses an appraisal outside the award step', async () => {
    const other = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'awaiting_decision',
    );
    const { version } = await other.get('affairs');
    const res = await (
      await t.as('noivu')
    )
      .post(`/api/dossiers/${other.id}/award-appraisal`)
      .send({ opinion: 'Đồng ý đề nghị', version });
    expect([res.status, res.body.error.code]).toEqual([409, 'event_not_allowed']);
  });
});
