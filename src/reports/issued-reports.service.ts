import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ProgressReportRecord } from '../../entities';
import type { ReportActor, ReportEvent, ReportState } from '../../machines/report.machine';
import type { AppContext } from '../app-context';
import { recordAdminEvent } from '../audit/admin-events.service';
import type { CurrentUser } from '../auth/current-user';
import { inJurisdiction } from '../auth/jurisdiction';
import { assertMay } from '../auth/permissions';
import { vnDate } from '../calendar/time';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { nextNumber } from '../decisions/number-sequence';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '../http/errors';
import { newDocumentKey, readDocument, writeDocument } from '../signing/document-store';
import { renderProgressReportPdf, reportSymbol, type ReportParts } from './progress-report.pdf';
import { progressReport, type ProgressReport } from './progress.service';
import type { CreateReportBody, ReportEventBody, UpdateReportBody } from './report.schemas';
import {
  allowedReportEvents,
  initialReportState,
  nextReportState,
  reportEventNotAllowed,
  reportHasTag,
  reportStateLabel,
  reportStateTakes,
} from './report-rules';

const notFound = () => new NotFoundError('report_not_found', 'Không tìm thấy báo cáo.');
const stale = (current: number) =>
  new ConflictError('stale_version', 'Báo cáo đã được người khác thay đổi. Vui lòng tải lại.', {
    currentVersion: current,
  });

/** The body that owes the report: the province's appraisers (Công an tỉnh) or the district's reviewers. */
function actorOf(user: CurrentUser, r: Pick<ProgressReportRecord, 'provinceId' | 'districtId'>): ReportActor {
  const owns = r.districtId
    ? user.role === 'district_reviewer' && user.districtId === r.districtId
    : user.role === 'provincial_appraiser' && user.provinceId === r.provinceId;
  return { role: user.role, ownsReport: owns };
}

/** Reports the user may read: their province's (a district reviewer: their district's only). */
export function visible(user: CurrentUser, r: ProgressReportRecord): boolean {
  // A report sits where a dossier would: its province, and its district for a district's report.
  return inJurisdiction(user, { unitId: '', provinceId: r.provinceId, districtId: r.districtId });
}

async function load(em: EntityManager, user: CurrentUser, id: string): Promise<ProgressReportRecord> {
  assertMay(user, 'reports.read');
  const row = await em.findOne(ProgressReportRecord, { where: { id } });
  if (!row || !visible(user, row)) throw notFound();
  return row;
}

const partsOf = (r: ProgressReportRecord): ReportParts => ({
  strengths: r.strengths,
  shortcomings: r.shortcomings,
  causes: r.causes,
  nextTasks: r.nextTasks,
  proposals: r.proposals,
});

/** The report as the API shows it: its parts, its step, what this user may do, and its figures. */
export async function reportView(ctx: AppContext, user: CurrentUser, r: ProgressReportRecord) {
  const figures =
    reportHasTag(r.state, 'frozen') && r.figures ? (JSON.parse(r.figures) as ProgressReport) : null;
  return {
    id: r.id,
    provinceId: r.provinceId,
    districtId: r.districtId,
    year: r.year,
    period: r.period,
    state: r.state,
    stateLabel: reportStateLabel(r.state),
    version: r.version,
    number: r.numberText,
    issuedAt: r.issuedAt,
    documentSha256: r.documentSha256,
    parts: partsOf(r),
    signer: r.signerName ? { name: r.signerName, position: r.signerPosition } : null,
    allowedEvents: allowedReportEvents(r.state, actorOf(user, r)),
    // An issued report shows what it said; a draft, the figures as they stand now.
    figures: figures ?? (await liveFigures(ctx, user, r)),
  };
}

async function liveFigures(
  ctx: AppContext,
  user: CurrentUser,
  r: ProgressReportRecord,
): Promise<ProgressReport> {
  return progressReport(ctx, user, {
    year: r.year,
    period: r.period,
    provinceId: r.provinceId,
    ...(r.districtId ? { districtId: r.districtId } : {}),
  });
}

/** Whether the user's body owes reports (Công an tỉnh's appraisers, a district's reviewers). */
export const mayDraftReports = (user: CurrentUser): boolean =>
  user.role === 'provincial_appraiser' || user.role === 'district_reviewer';

/** A new draft, owed by the author's body: the province's for an appraiser, their district's for a reviewer. */
export async function createReportDraft(
  ctx: AppContext,
  user: CurrentUser,
  body: z.infer<typeof CreateReportBody>,
) {
  assertMay(user, 'reports.read');
  if (!mayDraftReports(user)) {
    throw new ForbiddenError('forbidden', 'Chỉ cơ quan thường trực cấp tỉnh hoặc cấp huyện lập báo cáo.');
  }
  const at = ctx.clock().toISOString();
  const row: ProgressReportRecord = {
    id: newId(),
    provinceId: user.provinceId ?? '',
    districtId: user.role === 'district_reviewer' ? user.districtId : null,
    year: body.year,
    period: body.period,
    state: initialReportState(),
    version: 1,
    strengths: '',
    shortcomings: '',
    causes: '',
    nextTasks: '',
    proposals: '',
    signerName: null,
    signerPosition: null,
    number: null,
    numberText: null,
    issuedAt: null,
    figures: null,
    documentKey: null,
    documentSha256: null,
    createdById: user.id,
    createdAt: at,
    updatedAt: at,
  };
  await inTransaction(ctx.ds, async (em) => {
    await em.insert(ProgressReportRecord, row);
    await audit(em, user, row, null, row.state, 'report.drafted', null, ctx.clock());
  });
  return reportView(ctx, user, row);
}

async function audit(
  em: EntityManager,
  user: CurrentUser,
  r: ProgressReportRecord,
  from: ReportState | null,
  to: ReportState,
  action: string,
  reason: string | null,
  at: Date,
  extra: Record<string, unknown> = {},
) {
  await recordAdminEvent(
    em,
    user,
    {
      action,
      targetType: 'report',
      targetId: r.id,
      summary: `Báo cáo ${r.period === 'six_month' ? '6 tháng' : 'năm'} ${r.year}: ${from ? `${reportStateLabel(from)} → ` : ''}${reportStateLabel(to)}${reason ? ` (${reason})` : ''}.`,
      details: { from, to, reason, ...extra },
    },
    at,
  );
}

/** Updates a draft's parts (versioned; the machine says whether it is still editable and by whom). */
export async function updateReportDraft(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  body: z.infer<typeof UpdateReportBody>,
) {
  const updated = await inTransaction(ctx.ds, async (em) => {
    const r = await load(em, user, id);
    if (body.version !== r.version) throw stale(r.version);
    const at = ctx.clock().toISOString();
    step(r, { type: 'EDIT', actor: actorOf(user, r), at });
    const { version: _version, ...parts } = body;
    void _version;
    const res = await em
      .createQueryBuilder()
      .update(ProgressReportRecord)
      .set({ ...parts, updatedAt: at, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version: r.version })
      .execute();
    if (res.affected !== 1) throw stale(r.version + 1);
    await audit(em, user, r, r.state, r.state, 'report.edited', null, ctx.clock(), {
      fields: Object.keys(parts),
    });
    return em.findOneByOrFail(ProgressReportRecord, { id });
  });
  return reportView(ctx, user, updated);
}

/** The machine's word on an event: the next state, or 409 (wrong step) / 403 (not the author's body). */
function step(r: ProgressReportRecord, event: ReportEvent): ReportState {
  if (!reportStateTakes(r.state, event.type)) throw reportEventNotAllowed(r.state, event.type);
  if (!event.actor.ownsReport)
    throw new ForbiddenError('event_forbidden', 'Chỉ cơ quan lập báo cáo được thực hiện thao tác này.');
  const next = nextReportState(r.state, event);
  if (!next) {
    throw event.type === 'ISSUE'
      ? new RuleError(
          'report_incomplete',
          'Báo cáo cần có ưu điểm, tồn tại hạn chế, nhiệm vụ kỳ tới và người ký trước khi ban hành.',
        )
      : reportEventNotAllowed(r.state, event.type);
  }
  return next;
}

const complete = (r: ProgressReportRecord): boolean =>
  [r.strengths, r.shortcomings, r.nextTasks, r.signerName ?? '', r.signerPosition ?? ''].every((x) =>
    x.trim(),
  );

/**
 * ISSUE: numbered in the body's register (per year), the figures computed as of the period's cut-off and
 * frozen with the PDF and its SHA-256; nothing later changes them. CANCEL ends a draft, with a reason.
 */
export async function sendReportEvent(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  body: z.infer<typeof ReportEventBody>,
) {
  const current = await load(ctx.ds.manager, user, id);
  if (body.version !== current.version) throw stale(current.version);
  const at = ctx.clock().toISOString();
  const actor = actorOf(user, current);
  const event: ReportEvent =
    body.type === 'ISSUE'
      ? { type: 'ISSUE', actor, at, partsComplete: complete(current) }
      : { type: 'CANCEL', actor, at, reason: body.reason };
  step(current, event);
  // The figures of the period, computed before the transaction (the cut-off makes them stable).
  const figures = body.type === 'ISSUE' ? await liveFigures(ctx, user, current) : null;
  let documentKey: string | null = null;
  const updated = await inTransaction(ctx.ds, async (em) => {
    const r = await load(em, user, id);
    if (body.version !== r.version) throw stale(r.version);
    const to = step(r, event);
    let changes: Partial<ProgressReportRecord> = {};
    if (figures) {
      const number = await nextNumber(em, `report:${r.provinceId}:${r.districtId ?? 'province'}:${r.year}`);
      const numberText = `${String(number).padStart(2, '0')}/${reportSymbol(r.districtId !== null)}`;
      const issuedAt = vnDate(ctx.clock());
      const bytes = await renderProgressReportPdf({
        report: figures,
        period: r.period,
        date: issuedAt,
        numberText,
        parts: partsOf(r),
        signer: { name: r.signerName ?? '', position: r.signerPosition ?? '' },
      });
      documentKey = newDocumentKey(`reports/${r.id}/issued`);
      await writeDocument(ctx, documentKey, bytes);
      changes = {
        number,
        numberText,
        issuedAt,
        figures: JSON.stringify(figures),
        documentKey,
        documentSha256: createHash('sha256').update(bytes).digest('hex'),
      };
    }
    const res = await em
      .createQueryBuilder()
      .update(ProgressReportRecord)
      .set({ ...changes, state: to, updatedAt: at, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version: r.version })
      .execute();
    if (res.affected !== 1) throw stale(r.version + 1);
    const reason = body.type === 'CANCEL' ? body.reason : null;
    await audit(em, user, r, r.state, to, `report.${body.type.toLowerCase()}`, reason, ctx.clock(), {
      number: changes.numberText ?? null,
      documentSha256: changes.documentSha256 ?? null,
    });
    return em.findOneByOrFail(ProgressReportRecord, { id });
  });
  return reportView(ctx, user, updated);
}

/** GET /api/reports/:id */
export async function getReport(ctx: AppContext, user: CurrentUser, id: string) {
  return reportView(ctx, user, await load(ctx.ds.manager, user, id));
}

/** The report's PDF: as issued (the kept bytes), or the draft as it stands (marked). */
export async function issuedReportPdf(ctx: AppContext, user: CurrentUser, id: string) {
  const r = await load(ctx.ds.manager, user, id);
  const name = `bao-cao-${r.period === 'six_month' ? '6-thang' : 'nam'}-${r.year}`;
  if (reportHasTag(r.state, 'frozen') && r.documentKey) {
    return { fileName: `${name}-so-${r.number ?? ''}.pdf`, bytes: await readDocument(ctx, r.documentKey) };
  }
  const bytes = await renderProgressReportPdf({
    report: await liveFigures(ctx, user, r),
    period: r.period,
    date: vnDate(ctx.clock()),
    parts: partsOf(r),
    signer: r.signerName ? { name: r.signerName, position: r.signerPosition ?? '' } : null,
    draft: true,
  });
  return { fileName: `du-thao-${name}.pdf`, bytes };
}
