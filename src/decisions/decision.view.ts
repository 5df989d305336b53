import type { Decision, DecisionItem } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { allowedDecisionEvents, decisionStateLabel } from './decision-rules';

/** A decision as the API returns it (api.md), with what this user may do with it now. */
export function decisionView(user: CurrentUser, decision: Decision, items: DecisionItem[]) {
  return {
    id: decision.id,
    kind: decision.kind,
    state: decision.state,
    stateLabel: decisionStateLabel(decision.state),
    version: decision.version,
    allowedEvents: allowedDecisionEvents(user, decision),
    number: decision.numberText,
    sequence: decision.number,
    year: decision.year,
    ...(decision.issuedAt ? { issuedAt: decision.issuedAt } : {}),
    signedAt: decision.signedAt,
    signer: {
      id: decision.signerId,
      name: decision.signerName,
      position: decision.signerPosition,
      title: decision.signerTitle,
    },
    proposal: {
      number: decision.proposalNumber,
      date: decision.proposalDate,
      body: decision.proposalBody,
    },
    returnReason: decision.returnReason,
    achievementYear: decision.achievementYear,
    reason: decision.reason,
    revokes: decision.revokesDecisionId,
    /** The generated document's SHA-256 (at issue) and the paper-signed scan kept beside it. */
    documentSha256: decision.documentSha256,
    scan: decision.scanSha256 ? { fileName: decision.scanFileName, sha256: decision.scanSha256 } : null,
    dossierIds: items.map((i) => i.dossierId),
    items: items.map((i) => ({
      dossierId: i.dossierId,
      unitName: i.unitName,
      districtName: i.districtName,
      serial: i.serial,
      registerNumber: i.registerNumber,
    })),
    createdAt: decision.createdAt,
    updatedAt: decision.updatedAt,
  };
}
