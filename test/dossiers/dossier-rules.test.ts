import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dossier } from '../../entities';
import {
  actingRoles,
  eventNotAllowed,
  progressSteps,
  scoringStageOf,
  stageBudget,
  stateLabel,
  statesAccepting,
  statesTagged,
  statesWhereActs,
} from '../../src/dossiers/dossier-rules';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('the rules module reads the machine table', () => {
  it('answers what each state means from its meta and tags', () => {
    expect(stateLabel('district_review')).toBe('Cấp huyện thẩm tra');
    expect(statesTagged('preparing')).toEqual(['nominated', 'self_assessment']);
    expect(statesTagged('recognized')).toEqual(['recognized', 'award_proposed', 'awarded']);
    expect(statesTagged('decided')).toEqual(['recognized', 'award_proposed', 'awarded', 'revoked']);
    expect(statesTagged('timed')).toEqual([
      'nominated',
      'self_assessment',
      'district_review',
      'provincial_appraisal',
      'awaiting_decision',
    ]);
    expect(statesTagged('registered')).not.toContain('withdrawn');
    expect(statesWhereActs('internal_affairs_officer')).toEqual(['awaiting_decision', 'award_proposed']);
    expect(actingRoles('recognized')).toEqual([]);
    expect(scoringStageOf('nominated')).toBeNull();
    expect(scoringStageOf('self_assessment')).toBe('self');
    expect(scoringStageOf('provincial_appraisal')).toBe('provincial');
    expect(stageBudget('district_review')).toEqual({
      workingDays: 10,
      planDeadline: 'districtReviewDeadline',
    });
    expect(stageBudget('awaiting_decision')).toEqual({ workingDays: 10, planDeadline: null });
    expect(statesAccepting('RECOGNIZE')).toEqual(['awaiting_decision']);
    expect(statesAccepting('REVOKE')).toEqual(['recognized', 'awarded']);
  });

  it('builds the step indicator from the machine: district review and award steps only where they apply', () => {
    expect(progressSteps('district', 'self_assessment')).toEqual([
      'nominated',
      'self_assessment',
      'district_review',
      'provincial_appraisal',
      'awaiting_decision',
      'recognized',
    ]);
    expect(progressSteps('province', 'awarded')).toEqual([
      'nominated',
      'self_assessment',
      'provincial_appraisal',
      'awaiting_decision',
      'recognized',
      'award_proposed',
      'awarded',
    ]);
  });

  it('refuses in one voice: the state, the event and what the user can do instead', () => {
    const error = eventNotAllowed('nominated', 'SAVE_SCORES', ['START', 'WITHDRAW']);
    expect(error.code).toBe('event_not_allowed');
    expect(error.message).toBe(
      'Không thể thực hiện "Lưu điểm" khi hồ sơ ở bước "Đã đăng ký". Bạn có thể: Bắt đầu tự đánh giá; Rút hồ sơ.',
    );
    expect(error.details).toEqual({
      state: 'nominated',
      event: 'SAVE_SCORES',
      allowedEvents: ['START', 'WITHDRAW'],
    });
    expect(eventNotAllowed('district_review', 'CHANGE_EVIDENCE', []).message).toContain(
      'không chờ thao tác nào của bạn',
    );
  });
});

describe('what a unit may edit follows the machine (no score inputs before the self-assessment starts)', () => {
  let t: TestApp;
  let flow: DossierFlow;
  beforeAll(async () => {
    t = await createTestApp();
    flow = await new DossierFlow(t, COMMUNE).open();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a nominated dossier takes evidence but no scores, and says to start first', async () => {
    const before = await flow.get();
    expect(before.editable).toEqual({
      scoringStage: null,
      evidence: true,
      submissionDeadline: false,
      awardAppraisal: false,
    });
    const unit = await t.as('thuongnong');
    const scores = [{ criterionCode: flow.items[0].code, points: 1 }];
    const res = await unit.put(`/api/dossiers/${flow.id}/self-assessment`).send({ scores });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'event_not_allowed',
      details: { state: 'nominated', event: 'SAVE_SCORES', allowedEvents: ['START', 'WITHDRAW'] },
    });
    expect(res.body.error.message).toContain('Bắt đầu tự đánh giá');
    const upload = await unit
      .post(`/api/dossiers/${flow.id}/attachments`)
      .attach('file', PDF_BYTES, 'bien-ban.pdf');
    expect(upload.status).toBe(201);
    const page = await unit.get(`/dossiers/${flow.id}`).expect(200);
    expect(page.text).not.toContain('name="points_');
    expect(page.text).toContain('để nhập điểm tự chấm');
  });

  it('after START the unit edits its sheet; the admin may extend; nobody else edits', async () => {
    await flow.sendOk('unit', 'START', 'self_assessment');
    expect((await flow.get()).editable).toEqual({
      scoringStage: 'self',
      evidence: true,
      submissionDeadline: false,
      awardAppraisal: false,
    });
    expect((await flow.get('district')).editable).toEqual({
      scoringStage: null,
      evidence: false,
      submissionDeadline: false,
      awardAppraisal: false,
    });
    const admin = await (await t.as('admin')).get(`/api/dossiers/${flow.id}`).expect(200);
    expect(admin.body.editable).toEqual({
      scoringStage: null,
      evidence: false,
      submissionDeadline: true,
      awardAppraisal: false,
    });
    const page = await (await t.as('thuongnong')).get(`/dossiers/${flow.id}`).expect(200);
    expect(page.text).toContain(`name="points_${flow.items[0].code}"`);
  });

  it('a snapshot of an unknown machine version is our fault: 500, logged, nothing leaked', async () => {
    const other = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    await t.ds.getRepository(Dossier).update({ id: other.id }, { machineVersion: 'dossier@99' });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await (await t.as('linhphu')).get(`/api/dossiers/${other.id}`);
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal_error');
      expect(JSON.stringify(res.body)).not.toContain('dossier@99');
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
