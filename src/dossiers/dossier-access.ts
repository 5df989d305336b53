import type { EntityManager } from 'typeorm';
import { Dossier } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { inJurisdiction } from '../auth/jurisdiction';
import { NotFoundError } from '../http/errors';

const notFound = (): NotFoundError => new NotFoundError('dossier_not_found', 'Không tìm thấy hồ sơ.');

/** The dossier if it exists and lies in the user's jurisdiction; otherwise throws NotFoundError (404). */
export async function getDossierForUser(em: EntityManager, user: CurrentUser, id: string): Promise<Dossier> {
  const dossier = await em.findOne(Dossier, { where: { id } });
  if (!dossier || !inJurisdiction(user, dossier)) throw notFound();
  return dossier;
}
