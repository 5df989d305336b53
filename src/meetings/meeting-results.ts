import { In, type EntityManager } from 'typeorm';
import { Council, Meeting, MeetingAttendee, MeetingBallot, MeetingItem } from '../../entities';
import type { CouncilPurpose } from '../../entities/council.entity';
import { isApproved } from '../../machines/council-rule';
import { ruleOf } from '../councils/councils.service';
import { ConflictError } from '../http/errors';
import { meetingStatesTagged } from './meeting-rules';

/** Whether a member may vote on a dossier at all: never on their own unit. */
export const mayVoteOn = (attendee: MeetingAttendee, item: MeetingItem): boolean =>
  attendee.unitId === null || attendee.unitId !== item.unitId;

/** Whether every member has voted on every dossier they may vote on. */
export async function everyoneVoted(em: EntityManager, meetingId: string): Promise<boolean> {
  const [items, attendees, ballots] = await Promise.all([
    em.find(MeetingItem, { where: { meetingId } }),
    em.find(MeetingAttendee, { where: { meetingId } }),
    em.count(MeetingBallot, { where: { meetingId } }),
  ]);
  const expected = items.reduce((n, item) => n + attendees.filter((a) => mayVoteOn(a, item)).length, 0);
  return expected > 0 && ballots >= expected;
}

/** Each dossier's result by the council's rule, written when the meeting closes. */
export async function recordResults(em: EntityManager, meeting: Meeting, council: Council) {
  const items = await em.find(MeetingItem, { where: { meetingId: meeting.id }, order: { position: 'ASC' } });
  const rule = ruleOf(council);
  const results = items.map((item) => ({
    itemId: item.id,
    dossierId: item.dossierId,
    yes: item.yes,
    no: item.no,
    result: isApproved(rule, item, meeting.memberCount) ? ('approved' as const) : ('not_approved' as const),
  }));
  for (const r of results) await em.update(MeetingItem, { id: r.itemId }, { result: r.result });
  return { rule, results };
}

/** Dossiers on the agenda of a meeting still under way (no other meeting may list them). */
export async function dossiersOnOpenAgendas(em: EntityManager, dossierIds: readonly string[]) {
  if (dossierIds.length === 0) return [];
  return em
    .getRepository(MeetingItem)
    .createQueryBuilder('i')
    .innerJoin(Meeting, 'm', 'm.id = i.meetingId')
    .where('i.dossierId IN (:...ids)', { ids: dossierIds })
    .andWhere('m.state IN (:...states)', { states: meetingStatesTagged('holding') })
    .select(['i.dossierId AS "dossierId"', 'm.id AS "meetingId"'])
    .getRawMany<{ dossierId: string; meetingId: string }>();
}

/** The dossiers a council of `purpose` has approved in a closed meeting. */
export async function approvedDossiers(
  em: EntityManager,
  purpose: CouncilPurpose,
  dossierIds: readonly string[],
) {
  if (dossierIds.length === 0) return new Set<string>();
  const rows = await em
    .getRepository(MeetingItem)
    .createQueryBuilder('i')
    .innerJoin(Meeting, 'm', 'm.id = i.meetingId')
    .where('i.dossierId IN (:...ids)', { ids: dossierIds })
    .andWhere('m.purpose = :purpose', { purpose })
    .andWhere('m.state IN (:...states)', { states: meetingStatesTagged('decided') })
    .andWhere("i.result = 'approved'")
    .select('i.dossierId', 'dossierId')
    .getRawMany<{ dossierId: string }>();
  return new Set(rows.map((r) => r.dossierId));
}

/** The dossiers the province's council of `purpose` approved, or null when the province has no such council. */
export async function approvedWhereCouncil(
  em: EntityManager,
  provinceId: string | null,
  purpose: CouncilPurpose,
  dossierIds: readonly string[],
) {
  const council = provinceId ? await em.findOne(Council, { where: { provinceId, purpose } }) : null;
  return council ? { council, approved: await approvedDossiers(em, purpose, dossierIds) } : null;
}

/**
 * Only a dossier the council approved goes into a decision of that kind, where the province has such a
 * council (a province without one decides as before). 409 naming the dossiers not approved.
 */
export async function assertCouncilApproved(
  em: EntityManager,
  provinceId: string,
  purpose: CouncilPurpose,
  dossierIds: readonly string[],
) {
  const gate = await approvedWhereCouncil(em, provinceId, purpose, dossierIds);
  if (!gate) return;
  const missing = dossierIds.filter((id) => !gate.approved.has(id));
  if (missing.length) {
    throw new ConflictError(
      'not_approved_by_council',
      `${missing.length} hồ sơ chưa được ${gate.council.name} biểu quyết thông qua; chỉ hồ sơ đã được thông qua mới đưa vào dự thảo quyết định.`,
      { dossierIds: missing },
    );
  }
}

/** The meetings whose minutes speak for these dossiers (closed, of the purpose), newest first. */
export async function minutesFor(em: EntityManager, purpose: CouncilPurpose, dossierIds: readonly string[]) {
  if (dossierIds.length === 0) return [];
  const items = await em.find(MeetingItem, { where: { dossierId: In([...dossierIds]) } });
  const meetings = await em.find(Meeting, {
    where: {
      id: In([...new Set(items.map((i) => i.meetingId))]),
      purpose,
      state: In(meetingStatesTagged('decided')),
    },
    order: { closedAt: 'DESC' },
  });
  return meetings.map((m) => ({
    id: m.id,
    title: m.title,
    closedAt: m.closedAt,
    minutesUrl: `/api/meetings/${m.id}/minutes.pdf`,
  }));
}
