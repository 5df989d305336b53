import fs from 'node:fs';
import path from 'node:path';
import { AwardProposal } from '../../entities';
import type { DossierState } from '../../machines/dossier.machine';
import type { AppContext } from '../app-context';
import { attachmentsDir, copyUploadTo, sniffUpload } from '../attachments/attachment-files';
import type { UploadedFile } from '../attachments/attachments.service';
import { appendAuditEvent } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ConflictError, fieldRuleError, ForbiddenError, NotFoundError } from '../http/errors';
import { getDossierForUser } from './dossier-access';
import { prepareUserEvent } from './dossier-event-check';
import { eventNotAllowed, rulesFor } from './dossier-rules';
import { restoreDossierSnapshot } from './dossier-snapshot';
import { applyDossierEvent, staleVersion, touchDossier } from './dossier-transition';
import { eventTypesHandledIn } from '../../machines/dossier.machine';

const fileError = (code: string, message: string) => fieldRuleError('file', code, message);

/** Keeps the achievement report on disk under a fresh key; 422 when missing or of a kind not accepted. */
async function keepReport(ctx: AppContext, dossierId: string, upload: UploadedFile | undefined) {
  if (!upload || upload.size === 0) {
    throw fileError('achievement_report_required', 'Cần đính kèm báo cáo thành tích của đơn vị.');
  }
  const { fileName, mimeType } = await sniffUpload(upload);
  if (!mimeType)
    throw fileError('unsupported_file_type', 'Báo cáo thành tích phải là tệp PDF, Word hoặc ảnh.');
  const key = `awards/${dossierId}-${newId()}`;
  return { key, fileName, ...(await copyUploadTo(ctx, upload.path, key)) };
}

/**
 * The provincial appraiser proposes a recognized unit for the award (PROPOSE_AWARD) with the proposal's
 * number and date and the unit's achievement report: the file, the row and the step in one transaction.
 */
export async function proposeAward(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  fields: { proposalNumber: string; proposalDate: string; version: number },
  upload: UploadedFile | undefined,
): Promise<void> {
  // Who may propose is asked before anything is kept.
  const dossier = await getDossierForUser(ctx.ds.manager, user, dossierId);
  if (!rulesFor(user, dossier, restoreDossierSnapshot(dossier)).allowedEvents.includes('PROPOSE_AWARD')) {
    await prepareUserEvent(ctx, ctx.ds.manager, user, dossierId, {
      type: 'PROPOSE_AWARD',
      version: fields.version,
    });
  }
  const report = await keepReport(ctx, dossierId, upload);
  try {
    await inTransaction(ctx.ds, async (em) => {
      await em.delete(AwardProposal, { dossierId });
      await em.insert(AwardProposal, {
        dossierId,
        proposalNumber: fields.proposalNumber,
        proposalDate: fields.proposalDate,
        reportFileName: report.fileName,
        reportKey: report.key,
        reportSha256: report.sha256,
        proposedById: user.id,
        proposedAt: ctx.clock().toISOString(),
        appraisalOpinion: null,
        appraisalScore: null,
        appraisedById: null,
        appraisedAt: null,
      });
      const prepared = await prepareUserEvent(ctx, em, user, dossierId, {
        type: 'PROPOSE_AWARD',
        version: fields.version,
      });
      await applyDossierEvent(em, prepared.dossier, prepared.event, {
        actor: user,
        expectedVersion: prepared.dossier.version,
        holidays: ctx.config.holidays,
        details: {
          proposalNumber: fields.proposalNumber,
          proposalDate: fields.proposalDate,
          reportSha256: report.sha256,
        },
      });
    });
  } catch (err) {
    await fs.promises.rm(report.target, { force: true });
    throw err;
  }
}

/** Sở Nội vụ records its appraisal of the award proposal (opinion, optional score): versioned, audited. */
export async function appraiseAward(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  body: { opinion: string; score?: number | undefined; version: number },
): Promise<void> {
  await inTransaction(ctx.ds, async (em) => {
    const dossier = await getDossierForUser(em, user, dossierId);
    const snapshot = restoreDossierSnapshot(dossier);
    const state = snapshot.value as DossierState;
    const rules = rulesFor(user, dossier, snapshot);
    if (!eventTypesHandledIn(state).includes('APPRAISE_AWARD')) {
      throw eventNotAllowed(state, 'APPRAISE_AWARD', rules.allowedEvents);
    }
    if (!rules.mayAppraiseAward) {
      throw new ForbiddenError('forbidden', 'Chỉ Sở Nội vụ thẩm định hồ sơ đề nghị khen thưởng.');
    }
    if (body.version !== dossier.version) throw staleVersion();
    const proposal = await em.findOne(AwardProposal, { where: { dossierId } });
    if (!proposal)
      throw new ConflictError('no_award_proposal', 'Hồ sơ chưa có tờ trình đề nghị khen thưởng.');
    const at = ctx.clock().toISOString();
    await em.update(
      AwardProposal,
      { dossierId },
      {
        appraisalOpinion: body.opinion,
        appraisalScore: body.score ?? null,
        appraisedById: user.id,
        appraisedAt: at,
      },
    );
    await touchDossier(em, dossierId, at, { version: dossier.version });
    await appendAuditEvent(em, {
      dossierId,
      actor: user,
      at,
      type: 'APPRAISE_AWARD',
      from: state,
      to: state,
      reason: body.opinion,
      details: { score: body.score ?? null },
    });
  });
}

/** The award dossier as the dossier's page and API show it, or null before a proposal. */
export async function awardProposalView(ctx: AppContext, dossierId: string) {
  const p = await ctx.ds.manager.findOne(AwardProposal, { where: { dossierId } });
  if (!p) return null;
  return {
    proposalNumber: p.proposalNumber,
    proposalDate: p.proposalDate,
    reportFileName: p.reportFileName,
    reportUrl: `/api/dossiers/${dossierId}/award-proposal/report`,
    reportSha256: p.reportSha256,
    proposedAt: p.proposedAt,
    appraisal: p.appraisedAt
      ? { opinion: p.appraisalOpinion, score: p.appraisalScore, appraisedAt: p.appraisedAt }
      : null,
  };
}

/** The achievement report's file, for those who see the dossier. */
export async function achievementReport(ctx: AppContext, user: CurrentUser, dossierId: string) {
  await getDossierForUser(ctx.ds.manager, user, dossierId);
  const p = await ctx.ds.manager.findOne(AwardProposal, { where: { dossierId } });
  if (!p) throw new NotFoundError('no_award_proposal', 'Hồ sơ chưa có báo cáo thành tích.');
  return { fullPath: path.join(attachmentsDir(ctx), p.reportKey), fileName: p.reportFileName };
}
