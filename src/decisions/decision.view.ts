import type { Decision, DecisionItem } from '../../entities';

/** A decision as the API returns it (api.md: `{id, number, kind, dossierIds}` and more). */
export function decisionView(decision: Decision, items: DecisionItem[]) {
  return {
    id: decision.id,
    number: decision.numberText,
    sequence: decision.number,
    year: decision.year,
    kind: decision.kind,
    achievementYear: decision.achievementYear,
    signedAt: decision.signedAt,
    signerName: decision.signerName,
    signerTitle: decision.signerTitle,
    reason: decision.reason,
    revokesDecisionId: decision.revokesDecisionId,
    dossierIds: items.map((i) => i.dossierId),
    items: items.map((i) => ({
      dossierId: i.dossierId,
      unitName: i.unitName,
      districtName: i.districtName,
      serial: i.serial,
      registerNumber: i.registerNumber,
    })),
    createdAt: decision.createdAt,
  };
}
