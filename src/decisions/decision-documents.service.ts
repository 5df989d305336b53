import { In, IsNull, type EntityManager } from 'typeorm';
import { CriteriaSet, Decision, DecisionItem, Dossier, Plan, PlanYear, Province } from '../../entities';
import type { UnitType } from '../../machines/domain';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import {
  renderCertificatePdf,
  renderCertificatesPdf,
  type CertificateDocument,
} from '../documents/certificate.pdf';
import {
  renderDecisionPdf,
  renderDecisionWithLayout,
  type DecisionDocument,
  type DecisionUnit,
} from '../documents/decision.pdf';
import { sealCertificate, type DocumentToSign } from '../signing/decision-signatures.service';
import { discardDocument, newDocumentKey, readDocument, writeDocument } from '../signing/document-store';
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
 * What the decision's document says, from the committed rows: a draft (marked, number and date blank),
 * the document the leader signs (blanks left for the văn thư), or an issued one.
 */
export async function decisionDocument(
  em: EntityManager,
  decision: Decision,
  items: DecisionItem[],
  mode: 'draft' | 'forSigning' | 'issued',
): Promise<DecisionDocument> {
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
  const issued = mode === 'issued';
  return {
    kind: decision.kind,
    numberText: issued ? decision.numberText : null,
    blankNumber: province.decisionNumberPattern.replace('{n}', '     '),
    numberPattern: province.decisionNumberPattern,
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
    ...(mode === 'draft' ? { draft: true } : {}),
    ...(mode === 'forSigning' ? { forSigning: true } : {}),
  };
}

/** The document the leader signs (`signing.pdf`): the same bytes every time for the same draft. */
export async function documentToSign(
  em: EntityManager,
  decision: Decision,
  items: DecisionItem[],
): Promise<DocumentToSign> {
  return renderDecisionWithLayout(await decisionDocument(em, decision, items, 'forSigning'));
}

/**
 * The decision's PDF: once issued with digital signatures, the signed bytes as issued; once signed, the
 * revision the leader signed; before that, the draft. Decisions issued before documents were signed are
 * rendered from their rows, as they always were.
 */
export async function decisionPdf(ctx: AppContext, user: CurrentUser, id: string): Promise<PdfFile> {
  const em = ctx.ds.manager;
  const { decision, items } = await getDecisionForUser(em, user, id);
  const issued = decisionHasTag(decision.state, 'numbered');
  const fileName = issued
    ? `quyet-dinh-${decision.number}-${decision.year}.pdf`
    : `du-thao-quyet-dinh-${decision.id.slice(0, 8)}.pdf`;
  const stored = issued ? decision.issuedDocumentKey : decision.signedDocumentKey;
  if (stored)
    return {
      fileName: issued ? fileName : `quyet-dinh-da-ky-${decision.id.slice(0, 8)}.pdf`,
      bytes: await readDocument(ctx, stored),
    };
  const bytes = await renderDecisionPdf(
    await decisionDocument(em, decision, items, issued ? 'issued' : 'draft'),
  );
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
  const bytes = revocation
    ? await renderCertificatePdf({ ...doc, revoked: issuedFacts(revocation) })
    : await issuedCertificate(ctx, em, decision, item, doc);
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

/**
 * A certificate as issued: signed by the organization once (at issue, or at its first download for a
 * decision of many units), then served byte for byte. Decisions issued before documents were signed
 * render their certificates as before.
 */
async function issuedCertificate(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  item: DecisionItem,
  doc: CertificateDocument,
): Promise<Buffer> {
  if (item.documentKey) return readDocument(ctx, item.documentKey);
  const sealed = decision.issuedDocumentKey ? await sealCertificate(ctx, em, decision.provinceId, doc) : null;
  if (!sealed) return renderCertificatePdf(doc);
  const key = newDocumentKey(`decisions/${decision.id}/certificate-${item.serial ?? item.id}`);
  await writeDocument(ctx, key, sealed);
  const won = await em.update(DecisionItem, { id: item.id, documentKey: IsNull() }, { documentKey: key });
  if (won.affected === 1) return sealed;
  // Another request (or instance) kept its copy first: serve that one.
  await discardDocument(ctx, key);
  const kept = await em.findOneByOrFail(DecisionItem, { id: item.id });
  return kept.documentKey ? readDocument(ctx, kept.documentKey) : sealed;
}

/** Certificates signed right after issue; those of a long decision beyond this are signed on first download. */
const SEALED_AT_ISSUE = 50;

/** Signs the certificates of a decision just issued (after its commit). */
export async function sealCertificatesAfterIssue(
  ctx: AppContext,
  decision: Decision,
  items: DecisionItem[],
): Promise<void> {
  if (!decision.issuedDocumentKey || decision.kind === 'revocation') return;
  const em = ctx.ds.manager;
  const province = await em.findOneOrFail(Province, { where: { id: decision.provinceId } });
  for (const item of items.slice(0, SEALED_AT_ISSUE)) {
    if (!item.serial || item.documentKey) continue;
    await issuedCertificate(
      ctx,
      em,
      decision,
      item,
      certificateDocument(ctx, province, decision, item, item.serial),
    );
  }
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
  const em = ctx.ds.manager;
  const items = await em.find(DecisionItem, { where: { decisionId: decision.id } });
  for (const d of docs) {
    const item = items.find((i) => i.serial === d.serial);
    const bytes = item ? await issuedCertificate(ctx, em, decision, item, d) : await renderCertificatePdf(d);
    entries.push({ name: `${prefix}-${d.serial}.pdf`, bytes });
  }
  return {
    fileName: `${prefix}-qd-${decision.number}-${decision.year}.zip`,
    bytes: zip(entries, new Date(`${issuedFacts(decision).date}T00:00:00Z`)),
  };
}
