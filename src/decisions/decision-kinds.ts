import type { DossierEventType } from '../../machines/dossier.machine';
import type { DecisionKind } from '../../entities/decision.entity';

/** The dossier event a decision of each kind sends to every dossier it names. */
export const DECISION_EVENT = {
  recognition: 'RECOGNIZE',
  award: 'AWARD',
  revocation: 'REVOKE',
} as const satisfies Record<DecisionKind, DossierEventType>;
