import { In, type EntityManager } from 'typeorm';
import { CriteriaSet, Decision, DecisionItem, Dossier, Plan, PlanYear, Province } from '../../entities';
import type { UnitType } from '../../machines/domain';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import {
  renderCertificatePdf,
  renderCertificatesPdf,
  type CertificateDocument,
} from '../documents/certificate.pdf';
import { renderDecisionPdf, type DecisionUnit } from '../documents/decision.pdf';
import { legacySignatureLines, signatureLines } from '../documents/signature-block';
import { decisionHasTag } from './decision-rules';
import { legalBasesFor } from './legal-bases.service';
import { zip } from '../documents/zip';
import { getDossierForUser } from '../dossiers/dossier-access';
import { hasTag } from '../dossiers/dossier-rules';
import type { DownloadFile } from '../http/downloads';
import { NotFoundError } from '../http/errors';
import {
  findDecisionsOfDossier,
  findDossierDecisions,
  getDecisionForUser,
  type DossierDecisions,
} from './decision-lookup';

type PdfFile = DownloadFile;

export const verifyUrl = (ctx: AppContext, serial: string): string =>
  `${ctx.config.publicUrl}/verify/${encodeURIComponent(serial)}`;

/**
 * What a decision cites: the province's legal bases for its kind, the legal basis of the criteria sets
 * the dossiers were scored against (only the official set), the plans they were opened under (with their
 * number), and the proposal it answers.
 */
async function citations(em: EntityManager, decision: Decision, dossiers: Dossier[]) {
  const sets = await em.find(CriteriaSet, {
    where: { id: In([...new Set(dossiers.map((d) => d.criteriaSetId))]) },
  });
  const planYears = await em.find(PlanYear, {
    where: { id: In(dossiers.map((d) => d.planYearId).filter((x): x is string => x !== null)) },
  });
  const plans = await em.find(Plan, { where: { id: In([...new Set(planYears.map((p) => p.planId))]) } });
  const lower = (t: string) => `${t.charAt(0).toLowerCase()}${t.slice(1)}`;
  return {
    legalBases: (await legalBasesFor(em, decision.provinceId, decision.kind)).bases,
    criteriaBasis: [
      ...new Set(
        sets
          .filter((s) => s.official)
          .map((s) => s.legalBasis)
          .filter((b): b is string => !!b),
      ),
    ],
    plans: [
      ...new Set(
        plans.map((p) => (p.reference ? `Kế hoạch số ${p.reference} (${lower(p.title)})` : lower(p.title))),
      ),
    ],
    proposal:
      decision.proposalNumber && decision.proposalDate && decision.proposalBody
        ? { number: decision.proposalNumber, date: decision.proposalDate, body: decision.proposalBody }
        : null,
  };
}

/** Whether the province's People's Committee makes this kind of decision as a collective. */
export const isCollective = (province: Province, decision: Decision): boolean =>
  province.collectiveKinds.includes(decision.kind);

/**
 * The signature block of a decision: from the authority (collective or the Chairman's act) and the
 * signer's position, or the title printed on decisions made before positions were data.
 */
export function decisionSignatureLines(decision: Decision, province: Province): string[] {
  if (decision.signerPosition)
    return signatureLines(decision.signerPosition, isCollective(province, decision));
  return legacySignatureLines(decision.signerTitle ?? '');
}

/** Number and date of an issued decision; 404 for one not issued yet (it has no certificate). */
export function issuedFacts(decision: Decision): { numberText: string; date: string } {
  if (!decisionHasTag(decision.state, 'numbered') || !decision.numberText || !decision.issuedAt) {
    throw new NotFoundError('decision_not_issued', 'Quyết định chưa được ban hành.');
  }
  return { numberText: decision.numberText, date: decision.issuedAt };
}

/**
 * The decision as a PDF, rendered from stored data (the same bytes on every download): until it is issued
 * the draft, marked "DỰ THẢO" with blank number and date; after, the issued decision.
 */
export async function decisionPdf(ctx: AppContext, user: CurrentUser, id: string): Promise<PdfFile> {
  const em = ctx.ds.manager;
  const { decision, items } = await getDecisionForUser(em, user, id);
  const issued = decisionHasTag(decision.state, 'numbered');
  const province = await em.findOneOrFail(Province, { where: { id: decision.provinceId } });
  const dossiers = await em.find(Dossier, { where: { id: In(items.map((i) => i.dossierId)) } });
  const granted =
    decision.kind === 'revocation'
      ? await findDossierDecisions(
          em,
          items.map((i) => i.dossierId),
        )
      : new Map<string, DossierDecisions>();
  const units: DecisionUnit[] = items.map((i) => {
    const g = granted.get(i.dossierId)?.granting?.decision;
    return {
      name: i.unitName,
      districtName: i.districtName,
      unitType: i.unitType as UnitType,
      grantedBy: g ? { ...issuedFacts(g), kind: g.kind } : null,
    };
  });
  const bytes = await renderDecisionPdf({
    kind: decision.kind,
    numberText: issued ? decision.numberText : null,
    blankNumber: province.decisionNumberPattern.replace('{n}', '     '),
    date: issued ? decision.issuedAt : null,
    preparedOn: decision.createdAt.slice(0, 10),
    signerName: decision.signerName ?? '',
    signatureLines: decisionSignatureLines(decision, province),
    collective: isCollective(province, decision),
    issuerName: province.issuerName,
    placeName: province.shortName,
    achievementYear: decision.achievementYear,
    units,
    ...(await citations(em, decision, dossiers)),
    reason: decision.reason,
    ...(issued ? {} : { draft: true }),
  });
  const fileName = issued
    ? `quyet-dinh-${decision.number}-${decision.year}.pdf`
    : `du-thao-quyet-dinh-${decision.id.slice(0, 8)}.pdf`;
  return { fileName, bytes };
}

/** The certificate (recognition) or Bằng khen (award) of one dossier. Throws NotFoundError when it has none. */
export async function certificatePdf(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
  kind: 'recognition' | 'award',
): Promise<PdfFile> {
  const em = ctx.ds.manager;
  const dossier = await getDossierForUser(em, user, dossierId);
  const decisions = await findDecisionsOfDossier(em, dossier.id);
  const { decision, item } = decisions[kind] ?? {};
  if (!decision || !item?.serial) {
    throw new NotFoundError(
      'certificate_not_found',
      kind === 'award' ? 'Đơn vị chưa được tặng Bằng khen.' : 'Đơn vị chưa được công nhận.',
    );
  }
  const province = await em.findOneOrFail(Province, { where: { id: decision.provinceId } });
  const doc = certificateDocument(ctx, province, decision, item, item.serial);
  // After a revocation the certificate is served marked as revoked, never as if valid.
  const revocation = hasTag(dossier.state, 'recognized') ? undefined : decisions.revocation?.decision;
  const bytes = await renderCertificatePdf(revocation ? { ...doc, revoked: issuedFacts(revocation) } : doc);
  return { fileName: `${kind === 'award' ? 'bang-khen' : 'giay-chung-nhan'}-${item.serial}.pdf`, bytes };
}

function certificateDocument(
  ctx: AppContext,
  province: Province,
  decision: Decision,
  item: DecisionItem,
  serial: string,
): CertificateDocument {
  return {
    kind: decision.kind === 'award' ? 'award' : 'recognition',
    issuerName: province.issuerName,
    placeName: province.shortName,
    unitName: item.unitName,
    districtName: item.districtName,
    achievementYear: decision.achievementYear,
    decisionNumber: issuedFacts(decision).numberText,
    decisionDate: issuedFacts(decision).date,
    serial,
    registerNumber: item.registerNumber,
    verifyUrl: verifyUrl(ctx, serial),
    signerName: decision.signerName ?? '',
    signatureLines: decisionSignatureLines(decision, province),
    collective: isCollective(province, decision),
  };
}

/** Every certificate (or Bằng khen) of a recognition or award decision, in the decision's order. */
async function certificatesOf(ctx: AppContext, user: CurrentUser, decisionId: string) {
  const em = ctx.ds.manager;
  const { decision, items } = await getDecisionForUser(em, user, decisionId);
  if (decision.kind === 'revocation') {
    throw new NotFoundError('certificate_not_found', 'Quyết định thu hồi không có giấy chứng nhận.');
  }
  const province = await em.findOneOrFail(Province, { where: { id: decision.provinceId } });
  const docs = items.flatMap((i) =>
    i.serial ? [certificateDocument(ctx, province, decision, i, i.serial)] : [],
  );
  return { decision, docs };
}

/** All certificates of a decision in one PDF, a page each. */
export async function decisionCertificatesPdf(ctx: AppContext, user: CurrentUser, decisionId: string) {
  const { decision, docs } = await certificatesOf(ctx, user, decisionId);
  const prefix = decision.kind === 'award' ? 'bang-khen' : 'giay-chung-nhan';
  return {
    fileName: `${prefix}-qd-${decision.number}-${decision.year}.pdf`,
    bytes: await renderCertificatesPdf(docs),
  };
}

/** All certificates of a decision as a ZIP of one PDF per unit (same bytes as downloading each). */
export async function decisionCertificatesZip(ctx: AppContext, user: CurrentUser, decisionId: string) {
  const { decision, docs } = await certificatesOf(ctx, user, decisionId);
  const prefix = decision.kind === 'award' ? 'bang-khen' : 'giay-chung-nhan';
  const entries = [];
  for (const d of docs)
    entries.push({ name: `${prefix}-${d.serial}.pdf`, bytes: await renderCertificatePdf(d) });
  return {
    fileName: `${prefix}-qd-${decision.number}-${decision.year}.zip`,
    bytes: zip(entries, new Date(`${issuedFacts(decision).date}T00:00:00Z`)),
  };
}
