import type { AppContext } from '../../app-context';
import { vnDate } from '../../calendar/time';
import { createReportDraft, sendReportEvent, updateReportDraft } from '../../reports/issued-reports.service';
import { History } from './history-actors';
import { PAST_YEARS, type Outcome, type PastYear, type Participant } from './past-years';

/*
 * The 2023–2025 years of seed 003's plan, as the province lived them: each unit registers, assesses
 * itself, is reviewed, returned, rejected or recognized; decisions are signed and issued; a recognition
 * is revoked; an award follows a proposal; Công an tỉnh and a district issue their reports. Everything
 * goes through the services, on the dates it would have happened.
 */

export interface HistorySummary {
  years: number[];
  dossiers: number;
  decisions: number;
  reports: number;
}

/** Lives the past years that are over by `now` (a year still running is left to the users). */
export async function loadDemoHistory(ctx: AppContext, now: Date = ctx.clock()): Promise<HistorySummary> {
  const thisYear = Number(vnDate(now).slice(0, 4));
  const h = new History(ctx, '2023-03-01');
  const summary: HistorySummary = { years: [], dossiers: 0, decisions: 0, reports: 0 };
  const recognitions = new Map<string, { decisionId: string; dossierId: string }>();
  for (const year of PAST_YEARS.filter((y) => y.year < thisYear)) {
    const ids = await liveYear(h, year, recognitions, summary);
    for (const [officer, dossierId] of ids) {
      if (year.awarded === officer) {
        h.on(`${year.year}-10-30`);
        await h.proposeAward(dossierId, `${year.proposalNo + 1}/TTr-BCĐ`);
        await h.decide({ kind: 'award', dossierIds: [dossierId] }, `${year.proposalNo + 1}/TTr-SNV`, [
          `${year.year}-11-03`,
          `${year.year}-11-05`,
          `${year.year}-11-06`,
        ]);
        summary.decisions += 1;
      }
    }
    h.on(`${year.year}-11-08`);
    await issueReport(h, 'bcd138', year.year, 'annual');
    await issueReport(h, 'hamyen', year.year, 'annual');
    summary.reports += 2;
    summary.years.push(year.year);
  }
  await h.readAll();
  return summary;
}

async function liveYear(
  h: History,
  year: PastYear,
  recognitions: Map<string, { decisionId: string; dossierId: string }>,
  summary: HistorySummary,
): Promise<Map<string, string>> {
  const y = year.year;
  const ids = new Map<string, string>();
  for (const [i, p] of year.participants.entries()) {
    h.on(`${y}-03-${String(2 + i).padStart(2, '0')}`);
    ids.set(p.officer, await h.register(p.officer, y));
  }
  const dossier = (p: Participant) => ids.get(p.officer) ?? '';
  await revoke(h, year, recognitions, summary);
  // Half submits before the 6-month report (and every dossier that will be returned, so that it is back
  // before the submission deadline), the rest in August. Steps run in date order: a report counts the
  // dossiers as they stand when it is issued.
  const early = (p: Participant, i: number) => i % 2 === 0 || p.outcome === 'returned';
  for (const [i, p] of year.participants.entries()) {
    h.on(`${y}-05-${String(4 + i).padStart(2, '0')}`);
    await h.selfAssess(p.officer, dossier(p), i % 3);
    if (p.outcome === 'withdrawn') await h.send(p.officer, dossier(p), 'WITHDRAW');
  }
  const submitting = year.participants.filter((p) => p.outcome !== 'withdrawn');
  for (const [i, p] of year.participants.entries()) {
    if (p.outcome === 'withdrawn' || !early(p, i)) continue;
    h.on(`${y}-06-0${1 + (i % 8)}`);
    await h.send(p.officer, dossier(p), 'SUBMIT');
  }
  h.on(`${y}-06-10`);
  await issueReport(h, 'bcd138', y, 'six_month');
  summary.reports += 1;
  for (const [i, p] of submitting.filter((q) => q.outcome === 'returned').entries()) {
    h.on(`${y}-07-15`, i * 20);
    await returnAndResubmit(h, p, dossier(p), y);
  }
  for (const [i, p] of year.participants.entries()) {
    if (p.outcome === 'withdrawn' || early(p, i)) continue;
    h.on(`${y}-08-${String(10 + i).padStart(2, '0')}`);
    await h.send(p.officer, dossier(p), 'SUBMIT');
  }
  const passed = await reviewYear(h, year, dossier);
  const decisionId = await h.decide(
    { kind: 'recognition', dossierIds: passed.map(dossier) },
    `${year.proposalNo}/TTr-SNV`,
    [`${y}-10-20`, `${y}-10-25`, `${y}-10-27`],
  );
  for (const p of passed) recognitions.set(`${p.officer}:${y}`, { decisionId, dossierId: dossier(p) });
  summary.decisions += 1;
  summary.dossiers += ids.size;
  return ids;
}

/** Recognitions of earlier years that no longer hold, revoked in April (before the year's own work). */
async function revoke(
  h: History,
  year: PastYear,
  recognitions: Map<string, { decisionId: string; dossierId: string }>,
  summary: HistorySummary,
): Promise<void> {
  const y = year.year;
  for (const revoked of year.revokes ?? []) {
    const earlier = recognitions.get(revoked.key);
    if (!earlier) continue;
    await h.decide(
      {
        kind: 'revocation',
        dossierIds: [earlier.dossierId],
        revokes: earlier.decisionId,
        ground: 'ceased_to_meet',
        reason: revoked.reason,
      },
      `${year.proposalNo - 10}/TTr-SNV`,
      [`${y}-04-06`, `${y}-04-10`, `${y}-04-13`],
    );
    summary.decisions += 1;
  }
}

/** District review (August) and provincial appraisal (September): the dossiers passed. */
async function reviewYear(
  h: History,
  year: PastYear,
  dossier: (p: Participant) => string,
): Promise<Participant[]> {
  const y = year.year;
  const submitted = year.participants.filter((p) => p.outcome !== 'withdrawn');
  const passed: Participant[] = [];
  for (const [i, p] of submitted.entries()) {
    const id = dossier(p);
    if (p.reviewer) {
      h.on(`${y}-08-28`, i * 20);
      await h.review(p.reviewer, id, 1, p.outcome === 'rejected_district');
      if (p.outcome === 'rejected_district') {
        await h.send(p.reviewer, id, 'REJECT', { reason: REASONS.district });
        continue;
      }
      await h.send(p.reviewer, id, 'FORWARD');
    }
    h.on(`${y}-09-${String(20 + (i % 10)).padStart(2, '0')}`);
    await h.review('bcd138', id, 2, p.outcome === 'rejected_province');
    if (p.outcome === 'rejected_province') {
      await h.send('bcd138', id, 'REJECT', { reason: REASONS.province });
      continue;
    }
    await h.send('bcd138', id, 'PASS');
    passed.push(p);
  }
  return passed;
}

async function returnAndResubmit(h: History, p: Participant, id: string, y: number): Promise<void> {
  const reviewer = p.reviewer ?? 'bcd138';
  await h.send(reviewer, id, 'RETURN', {
    reason: REASONS.returned,
    criteria: [{ code: p.returnCriterion, note: 'Thiếu biên bản họp và danh sách tổ tự quản có chữ ký.' }],
  });
  h.on(`${y}-07-2${p.officer.length % 8}`);
  await h.selfAssess(p.officer, id, 1);
  await h.send(p.officer, id, 'SUBMIT');
}

const REASONS = {
  returned: 'Hồ sơ thiếu minh chứng về mô hình tự quản; đề nghị bổ sung biên bản và số liệu năm.',
  district: 'Tiêu chí bắt buộc về kiềm chế tội phạm chưa đạt: trên địa bàn còn xảy ra vụ việc phức tạp.',
  province: 'Qua thẩm định, tiêu chí bắt buộc chưa đạt; đơn vị tiếp tục xây dựng và đăng ký năm sau.',
};

const PARTS = {
  strengths:
    'Cấp ủy, chính quyền các cấp quan tâm lãnh đạo, chỉ đạo; các đơn vị đăng ký xây dựng điển hình đúng kế hoạch, hồ sơ được hoàn thiện kịp thời.',
  shortcomings:
    'Một số đơn vị chậm hoàn thiện minh chứng; việc nhân rộng mô hình ở khối doanh nghiệp còn hạn chế.',
  causes: 'Cán bộ phụ trách kiêm nhiệm nhiều việc; kinh phí hỗ trợ xây dựng điển hình còn ít.',
  nextTasks:
    'Tiếp tục hướng dẫn các đơn vị chưa đạt hoàn thiện tiêu chí; sơ kết, nhân rộng các mô hình hiệu quả.',
  proposals: 'Đề nghị Ủy ban nhân dân tỉnh bố trí kinh phí khen thưởng các điển hình tiêu biểu.',
};

async function issueReport(
  h: History,
  author: string,
  year: number,
  period: 'six_month' | 'annual',
): Promise<void> {
  const user = await h.user(author);
  const draft = await createReportDraft(h.ctx, user, { year, period });
  const district = user.districtId !== null;
  h.tick();
  const edited = await updateReportDraft(h.ctx, user, draft.id, {
    version: draft.version,
    ...PARTS,
    signerName: district ? 'Hoàng Văn Chiến' : 'Nguyễn Hữu Thành',
    signerPosition: district ? 'Trưởng ban' : 'Phó Giám đốc',
  });
  h.tick();
  await sendReportEvent(h.ctx, user, draft.id, { type: 'ISSUE', version: edited.version });
  h.tick();
}

/** What the start-up prints once the history is loaded. */
export function historyLine(s: HistorySummary): string {
  if (!s.years.length) return 'Không có năm nào đã qua của kế hoạch để nạp lịch sử.';
  return `Đã nạp lịch sử các năm ${s.years.join(', ')}: ${s.dossiers} hồ sơ, ${s.decisions} quyết định, ${s.reports} báo cáo.`;
}

export type { Outcome };
