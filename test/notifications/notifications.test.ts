import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDecision } from '../helpers/decisions';
import { runCommand } from '../../src/cli/index';
import { claimDailyRun, scheduleDailyReminders } from '../../src/dossiers/daily-reminders';
import { COMMUNE, DossierFlow, PROVINCE_SCHOOL } from '../helpers/dossier-flow';
import { vnTime } from '../helpers/http';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const MONDAY = new Date('2026-11-23T02:00:00Z');
const at = vnTime;

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
});
afterAll(async () => {
  await t.close();
});

interface Note {
  id: string;
  kind: string;
  message: string;
  dossierId: string;
  readAt: string | null;
}
async function inbox(username: string): Promise<Note[]> {
  const res = await (await t.as(username)).get('/api/notifications?pageSize=100').expect(200);
  return res.body.items as Note[];
}
async function about(username: string, dossierId: string): Promise<Note[]> {
  return (await inbox(username)).filter((n) => n.dossierId === dossierId);
}
const EVERYONE = [
  'admin',
  'thuongnong',
  'linhphu',
  'thptchuyen',
  'nahang',
  'chiemhoa',
  'tptuyenquang',
  'bcd138',
  'noivu',
];
/** Who holds a notification about the dossier, and of which kinds. */
async function recipients(dossierId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const u of EVERYONE) {
    const kinds = (await about(u, dossierId)).map((n) => n.kind);
    if (kinds.length) out[u] = kinds;
  }
  return out;
}

describe('in-app notifications reach exactly the users who must act', () => {
  it('follows a commune from nomination by the district to recognition', async () => {
    t.setNow(MONDAY);
    const nahang = await t.as('nahang');
    const unitId = (await (await t.as('thuongnong')).get('/api/session').expect(200)).body.user.unitId;
    const opened = await nahang.post('/api/dossiers').send({ unitId, year: 2026 }).expect(201);
    const flow = new DossierFlow(t, COMMUNE);
    flow.id = opened.body.id;
    flow.items = opened.body.criteriaSet.items;
    // The district nominated the commune: its officer must start; the district is not told of its own act.
    expect(await recipients(flow.id)).toEqual({ thuongnong: ['action_required'] });
    expect((await about('thuongnong', flow.id))[0].message).toContain('Xã Thượng Nông (năm 2026)');
    await flow.advanceTo('district_review');
    expect(await recipients(flow.id)).toEqual({
      thuongnong: ['action_required'],
      nahang: ['action_required'],
    });
    await flow.advanceTo('awaiting_decision');
    const r = await recipients(flow.id);
    expect(r).toEqual({
      thuongnong: ['action_required'],
      nahang: ['action_required'],
      bcd138: ['action_required'],
      noivu: ['action_required'],
    });
    expect((await about('noivu', flow.id))[0].message).toMatch(/chờ bạn xử lý, hạn \d\d\/\d\d\/\d{4}/);
    t.setNow(at('2026-11-24'));
    await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    const unitNotes = await about('thuongnong', flow.id);
    expect(unitNotes.map((n) => n.kind)).toEqual(['outcome', 'action_required']);
    expect(unitNotes[0].message).toBe('Hồ sơ Xã Thượng Nông (năm 2026): Đã công nhận.');
  });

  it('sends a province-managed school straight to the province, and a return back to the unit', async () => {
    t.setNow(MONDAY);
    const flow = await new DossierFlow(t, PROVINCE_SCHOOL).advanceTo('provincial_appraisal');
    expect(await recipients(flow.id)).toEqual({ bcd138: ['action_required'] });
    await flow.sendOk('province', 'RETURN', 'self_assessment', {
      reason: 'Thiếu biên bản.',
      criteria: [{ code: flow.items[0].code, note: 'Bổ sung biên bản họp' }, { code: flow.items[1].code }],
    });
    expect((await recipients(flow.id)).thptchuyen).toEqual(['action_required']);
    // The unit hears that it was returned, why, and what to fix — not only which step it is at.
    const [returned] = await about('thptchuyen', flow.id);
    expect(returned.message).toBe(
      `Hồ sơ Trường THPT Chuyên Tuyên Quang (năm ${flow.t.now().getFullYear()}) đã bị trả lại để bổ sung. ` +
        `Lý do: Thiếu biên bản. Tiêu chí cần hoàn thiện: ${flow.items[0].code} (Bổ sung biên bản họp), ` +
        `${flow.items[1].code}. Hoàn thiện và nộp lại, hạn ${returned.message.match(/hạn (\d\d\/\d\d\/\d{4})/)?.[1]}.`,
    );
    await flow.selfAssess();
    await flow.sendOk('unit', 'SUBMIT', 'provincial_appraisal');
    await flow.sendOk('province', 'REJECT', 'rejected', { reason: 'Tiêu chí bắt buộc chưa đạt' });
    const messages = (await about('thptchuyen', flow.id)).map((n) => n.message);
    expect(messages).toContainEqual(
      expect.stringContaining('không được chấp nhận. Lý do: Tiêu chí bắt buộc chưa đạt.'),
    );
  });

  it('lets a user read and mark only their own notifications', async () => {
    const mine = await inbox('bcd138');
    const bcd = await t.as('bcd138');
    const before = (await bcd.get('/api/notifications').expect(200)).body.unread as number;
    const read = await bcd.post(`/api/notifications/${mine[0].id}/read`).expect(200);
    expect(read.body.readAt).toBeTruthy();
    expect((await bcd.get('/api/notifications').expect(200)).body.unread).toBe(before - 1);
    expect(
      (await bcd.get('/api/notifications?unread=true').expect(200)).body.items.map((n: Note) => n.id),
    ).not.toContain(mine[0].id);
    await (await t.as('noivu')).post(`/api/notifications/${mine[0].id}/read`).expect(404);
    await bcd.get('/api/notifications?page=0').expect(400);
    const all = await bcd.post('/api/notifications/read-all').expect(200);
    expect(all.body.updated).toBe(before - 1);
    expect((await bcd.get('/api/notifications').expect(200)).body.unread).toBe(0);
  });
});

describe('the daily reminder job', () => {
  it('reminds of dossiers due tomorrow and overdue ones, once however often it runs', async () => {
    t.setNow(MONDAY);
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo(
      'district_review',
    );
    // Due Monday 7/12; on Sunday 6/12 it is due tomorrow.
    t.setNow(at('2026-12-06', 8));
    const lines: string[] = [];
    const run = () => runCommand(t.ds, ['notifications:daily'], (l) => lines.push(l), t.ctx.clock);
    expect(await run()).toBe(0);
    expect(lines[0]).toMatch(/^Nhắc hạn 2026-12-06: /);
    const due = (await about('chiemhoa', flow.id)).filter((n) => n.kind === 'due_tomorrow');
    expect(due).toHaveLength(1);
    expect(due[0].message).toContain('đến hạn xử lý vào ngày mai (07/12/2026)');
    await run();
    expect((await about('chiemhoa', flow.id)).filter((n) => n.kind === 'due_tomorrow')).toHaveLength(1);
    expect((await about('linhphu', flow.id)).filter((n) => n.kind === 'due_tomorrow')).toHaveLength(0);
    t.setNow(at('2026-12-09', 8));
    await run();
    await run();
    const overdue = (await about('chiemhoa', flow.id)).filter((n) => n.kind === 'overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].message).toContain('đã quá hạn xử lý (hạn 07/12/2026)');
    expect((await about('nahang', flow.id)).length).toBe(0);
  });

  it('is claimed by one instance a day', async () => {
    const results = await Promise.all([1, 2, 3].map(() => claimDailyRun(t.ds, '2026-12-10')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimDailyRun(t.ds, '2026-12-10')).toBe(false);
    expect(await claimDailyRun(t.ds, '2026-12-11')).toBe(true);
  });

  it('runs inside the server once a day, from 07:00 Việt Nam time', async () => {
    const lines: string[] = [];
    t.setNow(at('2026-12-14', 6));
    const stop = scheduleDailyReminders(t.ctx, (l) => lines.push(l), 5);
    await new Promise((r) => setTimeout(r, 60));
    expect(lines).toEqual([]);
    t.setNow(at('2026-12-14', 8));
    // The run takes what it takes (PostgreSQL is slower); then nothing more that day.
    for (let i = 0; i < 100 && lines.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));
    stop();
    // Once: the reminders, then the sweep of evidence files no row names.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Nhắc hạn 2026-12-14: \d+ hồ sơ đến hạn ngày mai, \d+ quá hạn/);
    expect(lines[1]).toMatch(/^Dọn tệp minh chứng: xóa \d+ tệp mồ côi/);
  });
});
