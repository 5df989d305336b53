import { createHash } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { District, Dossier, DossierReceipt, Province, Unit } from '../../entities';
import type { ReceiptFacts } from '../../entities/dossier-receipt.entity';
import type { DossierState } from '../../machines/dossier.machine';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { newId } from '../db/ids';
import { renderReceiptPdf } from '../documents/receipt.pdf';
import { NotFoundError } from '../http/errors';
import { discardDocument, newDocumentKey, readDocument, writeDocument } from '../signing/document-store';
import { getDossierForUser } from './dossier-access';
import { loadDossierFacts } from './dossier-facts';
import { actingRoles, stateLabel } from './dossier-rules';

const lower = (name: string) => `${name.charAt(0).toLocaleLowerCase('vi')}${name.slice(1)}`;

/** Who receives a dossier entering `state`: the district's 138 committee, or the province's standing office. */
function receiver(state: DossierState, province: Province, district: District | null) {
  if (district && actingRoles(state).includes('district_reviewer')) {
    return {
      receivedBy: `Ban Chỉ đạo 138 ${lower(district.name)}`,
      issuerLines: [`UBND ${district.name.toLocaleUpperCase('vi')}`, 'BAN CHỈ ĐẠO 138'],
      place: district.name.replace(/^(Huyện|Thành phố|Thị xã) /, ''),
    };
  }
  const name = province.shortName;
  return {
    receivedBy: `Công an tỉnh ${name} (cơ quan thường trực Ban Chỉ đạo 138 tỉnh)`,
    issuerLines: province.reportingBody?.length
      ? province.reportingBody
      : ['BỘ CÔNG AN', `CÔNG AN TỈNH ${name.toLocaleUpperCase('vi')}`],
    place: name,
  };
}

/**
 * Writes the receipt of the submission just applied to `dossierId`, in the submission's transaction: what
 * was submitted, who received it and when the next stage is due, frozen as facts.
 */
export async function recordReceipt(
  em: EntityManager,
  dossierId: string,
  at: string,
): Promise<DossierReceipt> {
  const dossier = await em.findOneByOrFail(Dossier, { id: dossierId });
  const unit = await em.findOneByOrFail(Unit, { id: dossier.unitId });
  const district = unit.districtId ? await em.findOneBy(District, { id: unit.districtId }) : null;
  const province = await em.findOneByOrFail(Province, { id: dossier.provinceId });
  const facts = await loadDossierFacts(em, dossier);
  const self = facts.evaluations.self;
  const evidence = facts.attachments;
  const receipt: ReceiptFacts = {
    code: dossier.code ?? dossier.id,
    unitName: unit.name,
    districtName: district?.name ?? null,
    year: dossier.year,
    ...receiver(dossier.state, province, district),
    scoredCriteria: facts.criteria.items.length - self.missingScores.length,
    criteriaCount: facts.criteria.items.length,
    selfTotal: self.total,
    maxTotal: self.maxTotal,
    hasReport: Boolean(dossier.report?.trim()),
    evidenceFiles: evidence.length,
    evidenceCriteria: new Set(evidence.map((a) => a.criterionCode).filter(Boolean)).size,
    dueAt: dossier.dueAt,
    nextStage: stateLabel(dossier.state),
  };
  const sequence = (await em.countBy(DossierReceipt, { dossierId })) + 1;
  const row: DossierReceipt = {
    id: newId(),
    dossierId,
    sequence,
    submittedAt: at,
    facts: receipt,
    documentKey: null,
    documentSha256: null,
  };
  await em.insert(DossierReceipt, row);
  return row;
}

/**
 * Renders a receipt's PDF once, from its frozen facts, and keeps it with its SHA-256 (after the
 * submission committed; a receipt asked for before that happened is issued then). Kept bytes are never
 * rendered again.
 */
export async function issueReceipt(ctx: AppContext, receipt: DossierReceipt): Promise<DossierReceipt> {
  if (receipt.documentKey) return receipt;
  const bytes = await renderReceiptPdf(receipt);
  const key = newDocumentKey(`receipts/${receipt.dossierId}/${receipt.sequence}`);
  await writeDocument(ctx, key, bytes);
  const documentSha256 = createHash('sha256').update(bytes).digest('hex');
  const res = await ctx.ds
    .createQueryBuilder()
    .update(DossierReceipt)
    .set({ documentKey: key, documentSha256 })
    .where({ id: receipt.id, documentKey: IsNull() })
    .execute();
  if (res.affected === 1) return { ...receipt, documentKey: key, documentSha256 };
  // Another instance issued it first: keep theirs.
  await discardDocument(ctx, key);
  return ctx.ds.manager.findOneByOrFail(DossierReceipt, { id: receipt.id });
}

/** The receipts of a dossier the user may see, oldest first. Throws 403/404 as the dossier does. */
export async function listReceipts(ctx: AppContext, user: CurrentUser, dossierId: string) {
  await getDossierForUser(ctx.ds.manager, user, dossierId);
  const rows = await ctx.ds.manager.find(DossierReceipt, {
    where: { dossierId },
    order: { sequence: 'ASC' },
  });
  return rows.map((r) => ({
    sequence: r.sequence,
    submittedAt: r.submittedAt,
    code: r.facts.code,
    dueAt: r.facts.dueAt,
    documentSha256: r.documentSha256,
  }));
}

/** A receipt's PDF as issued (the latest when `sequence` is omitted). 404 before the first submission. */
export async function receiptPdf(ctx: AppContext, user: CurrentUser, dossierId: string, sequence?: number) {
  await getDossierForUser(ctx.ds.manager, user, dossierId);
  const found = await ctx.ds.manager.findOne(DossierReceipt, {
    where: sequence ? { dossierId, sequence } : { dossierId },
    order: { sequence: 'DESC' },
  });
  if (!found) {
    throw new NotFoundError('receipt_not_found', 'Hồ sơ chưa được nộp nên chưa có phiếu tiếp nhận.');
  }
  const issued = await issueReceipt(ctx, found);
  const bytes = await readDocument(ctx, issued.documentKey ?? '');
  return { bytes, fileName: `phieu-tiep-nhan-${issued.facts.code}-${issued.sequence}.pdf` };
}
