import { Decision, DecisionItem, Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import { hasTag } from '../dossiers/dossier-rules';
import { NotFoundError } from '../http/errors';
import { findDecisionsOfDossier } from './decision-lookup';

export interface Verification {
  serial: string;
  valid: boolean;
  kind: 'recognition' | 'award';
  unitName: string;
  districtName: string | null;
  achievementYear: number;
  decisionNumber: string;
  issuedAt: string;
  signerName: string;
  revokedAt?: string;
  revocationReason?: string;
  revocationDecisionNumber?: string;
}

/** Public check of a certificate or award by serial. Throws NotFoundError (404) for an unknown serial. */
export async function verifySerial(ctx: AppContext, serial: string): Promise<Verification> {
  const em = ctx.ds.manager;
  const item = serial.length <= 40 ? await em.findOne(DecisionItem, { where: { serial } }) : null;
  const decision = item ? await em.findOne(Decision, { where: { id: item.decisionId } }) : null;
  if (!item || !item.serial || !decision || decision.kind === 'revocation' || !decision.issuedAt) {
    throw new NotFoundError('certificate_not_found', 'Không tìm thấy giấy chứng nhận với số hiệu này.');
  }
  const dossier = await em.findOneOrFail(Dossier, { where: { id: item.dossierId } });
  const result: Verification = {
    serial: item.serial,
    valid: hasTag(dossier.state, 'recognized'),
    kind: decision.kind,
    unitName: item.unitName,
    districtName: item.districtName,
    achievementYear: decision.achievementYear,
    decisionNumber: decision.numberText ?? '',
    issuedAt: decision.issuedAt,
    signerName: decision.signerName ?? '',
  };
  if (!result.valid) {
    const revocation = (await findDecisionsOfDossier(em, dossier.id)).revocation?.decision;
    if (revocation) {
      result.revokedAt = revocation.issuedAt ?? undefined;
      result.revocationReason = revocation.reason ?? undefined;
      result.revocationDecisionNumber = revocation.numberText ?? undefined;
    }
  }
  return result;
}
