import { Decision, DecisionItem, Dossier, Province } from '../../entities';
import type { AppContext } from '../app-context';
import { hasTag } from '../dossiers/dossier-rules';
import { NotFoundError } from '../http/errors';
import { findDecisionsOfDossier } from './decision-lookup';
import { canonicalSerial } from './serial';
import { checkDocumentSignatures } from '../signing/decision-signatures.service';
import { readDocument } from '../signing/document-store';

export interface Verification {
  serial: string;
  valid: boolean;
  kind: 'recognition' | 'award';
  unitName: string;
  districtName: string | null;
  achievementYear: number;
  /** The issuing authority, e.g. "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG". */
  issuer: string;
  decisionNumber: string;
  issuedAt: string;
  signer: { name: string; position: string };
  /** Kept for clients of the first release. */
  signerName: string;
  revokedAt?: string;
  revocationReason?: string;
  revocationNumber?: string;
  /** Kept for clients of the first release. */
  revocationDecisionNumber?: string;
  /** The issued decision's digital signatures, each checked now: the leader's, then the organization's. */
  signatures: {
    kind: 'person' | 'organization';
    signer: string;
    position: string | null;
    organization: string | null;
    signedAt: string | null;
    valid: boolean;
  }[];
}

const notFound = () =>
  new NotFoundError('certificate_not_found', 'Không tìm thấy giấy chứng nhận với số hiệu này.');

/**
 * Public check of a certificate or Bằng khen by serial, typed in any case, with or without dashes.
 * Throws NotFoundError (404) for a serial that names nothing issued.
 */
export async function verifySerial(ctx: AppContext, typed: string): Promise<Verification> {
  const em = ctx.ds.manager;
  const serial = canonicalSerial(typed);
  const item = serial ? await em.findOne(DecisionItem, { where: { serial } }) : null;
  const decision = item ? await em.findOne(Decision, { where: { id: item.decisionId } }) : null;
  if (!item?.serial || !decision || decision.kind === 'revocation' || !decision.issuedAt) throw notFound();
  const dossier = await em.findOneOrFail(Dossier, { where: { id: item.dossierId } });
  const province = await em.findOneOrFail(Province, { where: { id: decision.provinceId } });
  const signer = { name: decision.signerName ?? '', position: decision.signerTitle ?? '' };
  const result: Verification = {
    serial: item.serial,
    valid: hasTag(dossier.state, 'recognized'),
    kind: decision.kind,
    unitName: item.unitName,
    districtName: item.districtName,
    achievementYear: decision.achievementYear,
    issuer: province.issuerName,
    decisionNumber: decision.numberText ?? '',
    issuedAt: decision.issuedAt,
    signer,
    signerName: signer.name,
    signatures: await decisionSignatures(ctx, decision, province),
  };
  if (!result.valid) {
    const revocation = (await findDecisionsOfDossier(em, dossier.id)).revocation?.decision;
    if (revocation) {
      result.revokedAt = revocation.issuedAt ?? undefined;
      result.revocationReason = revocation.reason ?? undefined;
      result.revocationNumber = revocation.numberText ?? undefined;
      result.revocationDecisionNumber = result.revocationNumber;
    }
  }
  return result;
}

/** The signatures of the issued decision behind a certificate (none for one issued before signing). */
async function decisionSignatures(ctx: AppContext, decision: Decision, province: Province) {
  if (!decision.issuedDocumentKey) return [];
  const bytes = await readDocument(ctx, decision.issuedDocumentKey);
  const checks = await checkDocumentSignatures(ctx, ctx.ds.manager, bytes);
  return checks.map((c, i) => {
    const organization = i > 0 || c.signer === province.issuerName;
    return {
      kind: organization ? ('organization' as const) : ('person' as const),
      signer: c.signer,
      position: organization ? null : decision.signerTitle,
      organization: c.organization,
      signedAt: c.signedAt,
      valid: c.valid,
    };
  });
}
