import type { EntityManager } from 'typeorm';
import type { Dossier } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { inJurisdiction } from '../auth/jurisdiction';
import { NotFoundError } from '../http/errors';
import { findDossier } from './dossier.storage';

export const dossierNotFound = (): NotFoundError =>
  new NotFoundError('dossier_not_found', 'Không tìm thấy hồ sơ.');

/** The dossier if it exists and lies in the user's jurisdiction; otherwise throws NotFoundError (404). */
export async function getDossierForUser(em: EntityManager, user: CurrentUser, id: string): Promise<Dossier> {
  const dossier = await findDossier(em, id);
  if (!dossier || !inJurisdiction(user, dossier)) throw dossierNotFound();
  return dossier;
}
