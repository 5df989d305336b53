import { In, type EntityManager } from 'typeorm';
import { Dossier, MeetingItem, Unit } from '../../entities';
import type { CouncilPurpose } from '../../entities/council.entity';
import { newId } from '../db/ids';
import { DECISION_EVENT } from '../decisions/decision-kinds';
import { statesAccepting } from '../dossiers/dossier-rules';
import { ConflictError, NotFoundError } from '../http/errors';
import { dossiersOnOpenAgendas } from './meeting-results';

/**
 * The dossiers of an agenda, in the order given: of the province (404 naming the unknown), waiting for the
 * decision the council's purpose leads to (409), on no other open agenda (409).
 */
export async function agendaDossiers(
  em: EntityManager,
  provinceId: string,
  purpose: CouncilPurpose,
  dossierIds: readonly string[],
  exceptMeetingId?: string,
): Promise<Dossier[]> {
  const ids = [...new Set(dossierIds)];
  const dossiers = await em.find(Dossier, { where: { id: In(ids), provinceId } });
  const unknown = ids.filter((id) => !dossiers.some((d) => d.id === id));
  if (unknown.length) {
    throw new NotFoundError('dossier_not_found', `Không tìm thấy hồ sơ ${unknown[0]}.`, {
      dossierIds: unknown,
    });
  }
  const states: string[] = statesAccepting(DECISION_EVENT[purpose]);
  const wrong = dossiers.filter((d) => !states.includes(d.state));
  if (wrong.length) {
    throw new ConflictError('dossiers_not_ready', `${wrong.length} hồ sơ không ở bước chờ Hội đồng xét.`, {
      dossiers: wrong.map((d) => ({ id: d.id, state: d.state })),
    });
  }
  const held = (await dossiersOnOpenAgendas(em, ids)).filter((h) => h.meetingId !== exceptMeetingId);
  if (held.length) {
    throw new ConflictError(
      'dossier_on_other_agenda',
      `${held.length} hồ sơ đã có trong chương trình một phiên họp khác.`,
      { dossiers: held },
    );
  }
  return ids.map((id) => dossiers.find((d) => d.id === id) as Dossier);
}

/** The agenda's lines, with the unit's name as it stands now (printed in the minutes). */
export async function insertAgenda(em: EntityManager, meetingId: string, dossiers: readonly Dossier[]) {
  const units = await em.find(Unit, { where: { id: In(dossiers.map((d) => d.unitId)) } });
  await em.insert(
    MeetingItem,
    dossiers.map((d, i) => ({
      id: newId(),
      meetingId,
      dossierId: d.id,
      unitId: d.unitId,
      unitName: units.find((u) => u.id === d.unitId)?.name ?? '',
      position: i + 1,
      yes: 0,
      no: 0,
      result: null,
    })),
  );
}
