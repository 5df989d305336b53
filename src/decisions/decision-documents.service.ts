import { In, type EntityManager } from 'typeorm';
import {
  CriteriaSet,
  Decision,
  DecisionItem,
  District,
  Dossier,
  Plan,
  PlanYear,
  Province,
  Unit,
} from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import {
  renderCertificatePdf,
  renderCertificatesPdf,
  type CertificateDocument,
} from '../documents/certificate.pdf';
import { renderDecisionPdf, type DecisionUnit } from '../documents/decision.pdf';
import { zip } from '../documents/zip';
import { getDossierForUser } from '../dossiers/dossier-access';
import { statesAccepting } from '../dossiers/dossier-rules';
import type { DownloadFile } from '../http/downloads';
import { NotFoundError } from '../http/errors';
import { getIssuingProvince, loadDossiersInState, type SignerFields } from './decision-issue';
import { DECISION_EVENT } from './decision-kinds';
import {
  findDecisionsOfDossier,
  findDossierDecisions,
  getDecisionForUser,
  type DossierDecisions,
} from './decision-lookup';

type PdfFile = DownloadFile;

export const verifyUrl = (ctx: AppContext, serial: string): string =>
  `${ctx.config.publicUrl}/verify/${encodeURIComponent(serial)}`;

/** What a decision cites: the criteria sets' legal bases and the plans the dossiers were opened under. */
async function legalBases(em: EntityManager, dossiers: Dossier[]) {
  const sets = await em.find(CriteriaSet, {
    where: { id: In([...new Set(dossiers.map((d) => d.criteriaSetId))]) },
  });
  const planYears = await em.find(PlanYear, {
    where: { id: In(dossiers.map((d) => d.planYearId).filter((x): x is string => x !== null)) },
  });
  const plans = await em.find(Plan, { where: { id: In([...new Set(planYears.map((p) => p.planId))]) } });
  return {
    criteriaBasis: [...new Set(sets.map((s) => s.legalBasis).filter((b): b is string => !!b))],
    planTitles: [...new Set(plans.map((p) => p.title))],
  };
}

/** The decision as a PDF, regenerated from stored data: the same bytes on every download. */
export async function decisionPdf(ctx: AppContext, user: CurrentUser, id: string): Promise<PdfFile> {
  const em = ctx.ds.manager;
  const { decision, items } = await getDecisionForUser(em, user, id);
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
      grantedBy: g ? { numberText: g.numberText, signedAt: g.signedAt, kind: g.kind } : null,
    };
  });
  const bytes = await renderDecisionPdf({
    kind: decision.kind,
    numberText: decision.numberText,
    signedAt: decision.signedAt,
    signerName: decision.signerName,
    signerTitle: decision.signerTitle,
    issuerName: province.issuerName,
    placeName: province.shortName,
    achievementYear: decision.achievementYear,
    units,
    ...(await legalBases(em, dossiers)),
    reason: decision.reason,
  });
  return { fileName: `quyet-dinh-${decision.number}-${decision.year}.pdf`, bytes };
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
  const { decision, item } = (await findDecisionsOfDossier(em, dossier.id))[kind] ?? {};
  if (!decision || !item?.serial) {
    throw new NotFoundError(
      'certificate_not_found',
      kind === 'award' ? 'Đơn vị chưa được tặng Bằng khen.' : 'Đơn vị chưa được công nhận.',
    );
  }
  const province = await em.findOneOrFail(Province, { where: { id: decision.provinceId } });
  const bytes = await renderCertificatePdf(certificateDocument(ctx, province, decision, item, item.serial));
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
    decisionNumber: decision.numberText,
    decisionDate: decision.signedAt,
    serial,
    registerNumber: item.registerNumber,
    verifyUrl: verifyUrl(ctx, serial),
    signerName: decision.signerName,
    signerTitle: decision.signerTitle,
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
    bytes: zip(entries, new Date(`${decision.signedAt}T00:00:00Z`)),
  };
}

/**
 * The draft of a recognition or award decision before it is issued ("DỰ THẢO", no number): the same
 * checks as issuing (jurisdiction, states, one year) but nothing is written.
 */
export async function decisionPreviewPdf(
  ctx: AppContext,
  user: CurrentUser,
  body: { kind: 'recognition' | 'award'; dossierIds: string[] } & SignerFields,
): Promise<PdfFile> {
  assertMay(user, 'decision.issue');
  const em = ctx.ds.manager;
  const states = statesAccepting(DECISION_EVENT[body.kind]);
  const dossiers = await loadDossiersInState(em, user, body.dossierIds, states);
  const province = await getIssuingProvince(em, user);
  const units = await em.find(Unit, { where: { id: In(dossiers.map((d) => d.unitId)) } });
  const districts = await em.find(District, {
    where: { id: In(units.map((u) => u.districtId).filter((x): x is string => x !== null)) },
  });
  const unitById = new Map(units.map((u) => [u.id, u]));
  const bytes = await renderDecisionPdf({
    kind: body.kind,
    numberText: province.decisionNumberPattern.replace('{n}', '     '),
    signedAt: body.signedAt,
    signerName: body.signerName,
    signerTitle: body.signerTitle,
    issuerName: province.issuerName,
    placeName: province.shortName,
    achievementYear: dossiers[0]?.year ?? Number(body.signedAt.slice(0, 4)),
    units: dossiers.map((d) => {
      const u = unitById.get(d.unitId);
      return {
        name: u?.name ?? '',
        districtName: districts.find((x) => x.id === u?.districtId)?.name ?? null,
      };
    }),
    ...(await legalBases(em, dossiers)),
    reason: null,
    draft: true,
  });
  return { fileName: 'du-thao-quyet-dinh.pdf', bytes };
}
