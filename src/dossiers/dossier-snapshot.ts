import { initialTransition, type SnapshotFrom } from 'xstate';
import {
  DOSSIER_MACHINE_VERSION,
  dossierMachine,
  type DossierInput,
  type DossierState,
} from '../../machines/dossier.machine';
import type { Dossier, StoredSnapshot } from '../../entities/dossier.entity';

export type DossierSnapshot = SnapshotFrom<typeof dossierMachine>;

/** The first snapshot of a new dossier. */
export function initialDossierSnapshot(input: DossierInput): DossierSnapshot {
  const [snapshot] = initialTransition(dossierMachine, input);
  return snapshot;
}

/**
 * Upgrades a snapshot written by an older machine version, keyed by the stored version id.
 * `dossier@1` → `dossier@2` added the EXTEND_DEADLINE event only: states and context are unchanged.
 */
function migrateSnapshot(machineVersion: string, stored: StoredSnapshot): StoredSnapshot {
  if (machineVersion === DOSSIER_MACHINE_VERSION || machineVersion === 'dossier@1') return stored;
  // Not the user's doing: a row written by a newer release or damaged by hand. The error handler logs it
  // and answers 500 without details.
  throw new Error(`Unknown dossier machine version ${machineVersion}`);
}

/** Restores the machine snapshot persisted on a dossier. */
export function restoreDossierSnapshot(
  dossier: Pick<Dossier, 'machineVersion' | 'snapshot'>,
): DossierSnapshot {
  const stored = migrateSnapshot(dossier.machineVersion, dossier.snapshot);
  return dossierMachine.resolveState({ value: stored.value, context: stored.context });
}

/** The persisted form of a snapshot. */
export function storeDossierSnapshot(snapshot: DossierSnapshot): StoredSnapshot {
  return { value: snapshot.value as DossierState, context: snapshot.context };
}
