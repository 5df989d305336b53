import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent, MeetingBallot, MeetingEvent } from '../../entities';
import { binary } from '../helpers/http';
import { sweepOrphanFiles } from '../../src/attachments/attachment-files';
import { DEMO_SEATS, daysLater, setUpCouncil } from '../helpers/councils';
import { draftDecision, userIdOf } from '../helpers/decisions';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { pdfText } from '../helpers/pdf';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let flows: DossierFlow[];
let meetingId: string;

const SEATS = [
  ...DEMO_SEATS,
  { username: 'thuongnong', position: 'member' as const, title: 'Chủ tịch UBND xã Thượng Nông' },
];

beforeAll(async () => {
  t = await createTestApp();
  flows = [];
  for (const actors of [COMMUNE, { unit: 'linhphu', district: 'chiemhoa' }])
    flows.push(await new DossierFlow(t, actors).advanceTo('awaiting_decision'));
  await setUpCouncil(t, 'recognition', SEATS);
}, 180_000);
afterAll(async () => {
  await t.close();
});

const meeting = async (username = 'noivu') =>
  (await (await t.as(username)).get(`/api/meetings/${meetingId}`).expect(200)).body;
const step = async (username: string, type: string, extra: Record<string, unknown> = {}) => {
  const { version } = await meeting();
  return (await t.as(username)).post(`/api/meetings/${meetingId}/events`).send({ type, version, ...extra });
};
const vote = async (username: string, itemId: string, choice: 'yes' | 'no') =>
  (await t.as(username)).post(`/api/meetings/${meetingId}/votes`).send({ itemId, choice });
const newMeeting = async (meetingAt: Date) =>
  (await t.as('noivu')).post('/api/meetings').send({
    purpose: 'recognition',
    title: 'Phiên họp xét công nhận đơn vị điển hình năm 2026',
    location: 'Phòng họp số 1, UBND tỉnh',
    meetingAt: meetingAt.toISOString(),
    dossierIds: flows.map((f) => f.id),
  });

describe('a council meeting with a secret ballot', () => {
  it('is prepared by the secretary alone, from dossiers waiting for the council', async () => {
    const other = await (await t.as('bcd138')).post('/api/meetings').send({
      purpose: 'recognition',
      title: 'Phiên họp thử',
      location: 'Phòng họp',
      meetingAt: daysLater(t.now(), 30).toISOString(),
      dossierIds: [flows[0].id],
    });
    expect([other.status, other.body.error.code]).toEqual([403, 'not_secretary']);
    const bad = await (
      await t.as('noivu')
    )
      .post('/api/meetings')
      .send({ purpose: 'x', title: '', meetingAt: 'mai', dossierIds: [] });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['purpose', 'title', 'location', 'meetingAt', 'dossierIds']),
    );
    const eligible = await (await t.as('noivu')).get('/api/meetings/eligible/recognition').expect(200);
    expect(eligible.body.items.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining(flows.map((f) => f.id)),
    );
  });

  it('cannot be convened for a date inside the public posting period', async () => {
    const early = await newMeeting(daysLater(t.now(), 3));
    expect(early.status, JSON.stringify(early.body)).toBe(201);
    meetingId = early.body.id;
    // The same dossiers cannot be on two agendas at once.
    const twice = await newMeeting(daysLater(t.now(), 30));
    expect([twice.status, twice.body.error.code]).toEqual([409, 'dossier_on_other_agenda']);
    const res = await step('noivu', 'CONVENE');
    expect([res.status, res.body.error.code]).toEqual([422, 'meeting_inside_posting']);
    expect(res.body.error.message).toMatch(/công khai 10 ngày làm việc/);
    expect((await step('noivu', 'CANCEL', { reason: '' })).status).toBe(400);
    expect((await step('chutich', 'CANCEL', { reason: 'Đổi ngày họp' })).status).toBe(403);
    const cancelled = await step('noivu', 'CANCEL', { reason: 'Đổi ngày họp cho đủ thời gian công khai' });
    expect([cancelled.status, cancelled.body.state]).toEqual([200, 'cancelled']);
  });

  it('is convened, posted, and cannot open before the posting ends or without a quorum', async () => {
    const created = await newMeeting(daysLater(t.now(), 21));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.id;
    // Until convened, the secretary may change the draft: title, place, time and agenda (versioned).
    const put = async (username: string, body: Record<string, unknown>) =>
      (await t.as(username)).put(`/api/meetings/${meetingId}`).send(body);
    const draft = {
      title: 'Phiên họp xét công nhận đơn vị điển hình năm 2026 (lần 1)',
      location: 'Phòng họp số 2, UBND tỉnh',
      meetingAt: created.body.meetingAt,
      dossierIds: [flows[1].id],
      version: created.body.version,
    };
    expect((await put('chutich', draft)).status).toBe(403);
    expect((await put('noivu', { ...draft, dossierIds: [] })).status).toBe(400);
    const reduced = await put('noivu', draft);
    expect([reduced.status, reduced.body.items.length, reduced.body.location]).toEqual([
      200,
      1,
      'Phòng họp số 2, UBND tỉnh',
    ]);
    expect((await put('noivu', draft)).status).toBe(409); // stale version
    const restored = await put('noivu', {
      ...draft,
      dossierIds: flows.map((f) => f.id),
      version: reduced.body.version,
    });
    expect(restored.body.items.map((i: { dossierId: string }) => i.dossierId)).toEqual(
      flows.map((f) => f.id),
    );
    expect((await step('bcd138', 'CONVENE')).status).toBe(403);
    const convened = await step('noivu', 'CONVENE');
    expect([convened.status, convened.body.state, convened.body.memberCount]).toEqual([200, 'convened', 5]);
    expect(convened.body.postingOpen).toBe(true);
    // Every member is summoned, with the time and the place.
    const inbox = (await (await t.as('chutich')).get('/api/notifications').expect(200)).body;
    expect(JSON.stringify(inbox)).toContain(
      'Giấy mời họp: Phiên họp xét công nhận đơn vị điển hình năm 2026',
    );
    const fixed = await (
      await t.as('noivu')
    )
      .put(`/api/meetings/${meetingId}`)
      .send({ ...draft, dossierIds: flows.map((f) => f.id), version: convened.body.version });
    expect([fixed.status, fixed.body.error.code]).toEqual([409, 'agenda_fixed']);
    await (await t.as('chutich')).post(`/api/meetings/${meetingId}/attendance`).expect(200);
    const early = await step('chutich', 'OPEN');
    expect([early.status, early.body.error.code]).toEqual([409, 'posting_not_ended']);
    // The meeting day: sessions of two weeks ago have expired.
    t.setNow(daysLater(t.now(), 21));
    t.forgetSessions();
    const noQuorum = await step('chutich', 'OPEN');
    expect([noQuorum.status, noQuorum.body.error.code]).toEqual([422, 'no_quorum']);
    for (const u of ['phochutich', 'noivu', 'thuongnong'])
      await (await t.as(u)).post(`/api/meetings/${meetingId}/attendance`).expect(200);
    expect((await step('thuongnong', 'OPEN')).status).toBe(403);
    const open = await step('chutich', 'OPEN');
    expect([open.status, open.body.state], JSON.stringify(open.body)).toEqual([200, 'voting']);
  });

  it('takes one secret vote per member and dossier, refuses the nominated unit’s member and the absent', async () => {
    const [own, other] = (await meeting()).items as { id: string; dossierId: string }[];
    expect(own.dossierId).toBe(flows[0].id);
    const counted = await vote('chutich', own.id, 'yes');
    expect(counted.status).toBe(201);
    expect(JSON.stringify(counted.body)).not.toMatch(/yes|no"|choice/);
    expect([(await vote('chutich', own.id, 'no')).status]).toEqual([409]);
    const ownUnit = await vote('thuongnong', own.id, 'yes');
    expect([ownUnit.status, ownUnit.body.error.code]).toEqual([403, 'own_unit']);
    const absent = await vote('bcd138', own.id, 'yes');
    expect([absent.status, absent.body.error.code]).toEqual([403, 'not_signed_in']);
    const outsider = await vote('linhphu', own.id, 'yes');
    expect(outsider.status).toBe(404);
    expect(
      (
        await (
          await t.as('noivu')
        )
          .post(`/api/meetings/${meetingId}/votes`)
          .send({ itemId: own.id, choice: 'maybe' })
      ).status,
    ).toBe(400);
    await vote('thuongnong', other.id, 'no').then((r) => expect(r.status).toBe(201));
    await vote('phochutich', own.id, 'yes').then((r) => expect(r.status).toBe(201));
    await vote('phochutich', other.id, 'yes').then((r) => expect(r.status).toBe(201));
    await vote('noivu', own.id, 'yes').then((r) => expect(r.status).toBe(201));
    await vote('noivu', other.id, 'no').then((r) => expect(r.status).toBe(201));
    await vote('chutich', other.id, 'yes').then((r) => expect(r.status).toBe(201));
    // While the vote runs, only how many voted shows — no tally, no result.
    const during = await meeting('chutich');
    expect(during.items.map((i: { votesCast: number; yes: number | null }) => [i.votesCast, i.yes])).toEqual([
      [3, null],
      [4, null],
    ]);
  });

  it('takes an absent member’s written vote from the secretary, with the scanned paper', async () => {
    const { items, attendees } = await meeting();
    const absent = attendees.find((a: { name: string; signedIn: boolean }) => !a.signedIn);
    const votes = JSON.stringify(items.map((i: { id: string }) => ({ itemId: i.id, choice: 'yes' })));
    const post = async (username: string, withFile: boolean, attendeeId = absent.id) => {
      const req = (await t.as(username))
        .post(`/api/meetings/${meetingId}/written-votes`)
        .field('attendeeId', attendeeId)
        .field('votes', votes);
      return withFile ? req.attach('file', PDF_BYTES, 'phieu-bieu-quyet.pdf') : req;
    };
    const noScan = await post('noivu', false);
    expect([noScan.status, noScan.body.error.code]).toEqual([422, 'scan_required']);
    expect((await post('chutich', true)).status).toBe(403);
    const present = attendees.find((a: { signedIn: boolean }) => a.signedIn);
    expect((await post('noivu', true, present.id)).body.error.code).toBe('voter_present');
    const entered = await post('noivu', true);
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    // Every member has now voted on every dossier they may vote on: the last ballot closed the meeting.
    expect(entered.body.meetingClosed).toBe(true);
  });

  it('gives each dossier its result by the rule, refuses votes after closing, and keeps no one’s choice', async () => {
    const closed = await meeting();
    expect(closed.state).toBe('closed');
    // More than half of all five members (the own unit's member may not vote on it): 4 and 3 yes both pass.
    expect(
      closed.items.map((i: { yes: number; no: number; result: string }) => [i.yes, i.no, i.result]),
    ).toEqual([
      [4, 0, 'approved'],
      [3, 2, 'approved'],
    ]);
    const late = await vote('thuongnong', closed.items[1].id, 'yes');
    expect(late.status).toBe(409);
    // Nothing stored says who chose what: ballots have no choice, events carry none.
    const ballotColumns = t.ds.getMetadata(MeetingBallot).columns.map((c) => c.propertyName);
    expect(ballotColumns).not.toContain('choice');
    const events = await t.ds.getRepository(MeetingEvent).find({ where: { meetingId } });
    expect(events.filter((e) => e.type === 'VOTE')).toHaveLength(7);
    // Only the closing records the tally, which is the published result.
    for (const e of events.filter((x) => x.type !== 'CLOSE'))
      expect(JSON.stringify(e.details ?? {})).not.toMatch(/"choice"|"yes"|"no"/);
    const history = await (await t.as('chutich')).get(`/api/meetings/${meetingId}/events`).expect(200);
    expect(JSON.stringify(history.body)).not.toMatch(/"choice"/);
  });

  it('keeps the minutes in the form of Nghị định 30 and reads them back', async () => {
    const res = await binary((await t.as('chutich')).get(`/api/meetings/${meetingId}/minutes.pdf`)).expect(
      200,
    );
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG TỈNH',
      'BIÊN BẢN',
      'Thành viên có mặt: 4/5',
      'Thành viên vắng mặt: 1/5',
      'có phiếu biểu quyết bằng văn bản',
      'Thông qua',
      'THƯ KÝ',
      'CHỦ TỌA',
      'trên 50% tổng số thành viên Hội đồng',
    ])
      expect(text).toContain(expected);
    // The kept minutes and the written vote's scan outlive the start-up sweep of orphan files.
    expect((await sweepOrphanFiles(t.ctx, 0)).removed).toBe(0);
    const again = await binary((await t.as('noivu')).get(`/api/meetings/${meetingId}/minutes.pdf`)).expect(
      200,
    );
    expect(Buffer.compare(again.body as Buffer, res.body as Buffer)).toBe(0);
  });

  it('lets only dossiers the council approved into a decision of that kind', async () => {
    const third = await new DossierFlow(t, { unit: 'triphu', district: 'chiemhoa' }).advanceTo(
      'awaiting_decision',
    );
    const refused = await (await t.as('noivu')).post('/api/decisions').send({
      kind: 'recognition',
      dossierIds: [flows[0].id, third.id],
      proposal: { number: '16/TTr-SNV', date: '2026-12-01', body: 'Sở Nội vụ' },
      signerId: await userIdOf(t, 'chutich'),
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'not_approved_by_council']);
    // The draft form offers only what the council approved.
    const form = await (await t.as('noivu')).get('/decisions/new?kind=recognition').expect(200);
    expect(form.text).toContain(`value="${flows[0].id}"`);
    expect(form.text).not.toContain(`value="${third.id}"`);
    expect(refused.body.error.details.dossierIds).toEqual([third.id]);
    const draft = await draftDecision(t, { kind: 'recognition', dossierIds: flows.map((f) => f.id) });
    const detail = await (await t.as('noivu')).get(`/api/decisions/${draft.id}`).expect(200);
    expect(detail.body.councilMinutes.map((m: { id: string }) => m.id)).toEqual([meetingId]);
    const page = await (await t.as('noivu')).get(`/decisions/${draft.id}`).expect(200);
    expect(page.text).toContain(`href="/api/meetings/${meetingId}/minutes.pdf"`);
  });

  it('is hidden from those outside the council and the province’s following roles', async () => {
    expect((await (await t.as('linhphu')).get(`/api/meetings/${meetingId}`)).status).toBe(404);
    expect((await (await t.as('nahang')).get(`/api/meetings`)).body.items).toEqual([]);
    const admin = await t.ds.getRepository(AdminEvent).findBy({ targetType: 'council' });
    expect(admin.map((e) => e.action)).toEqual(
      expect.arrayContaining(['council.saved', 'council.member_added']),
    );
  });
});
