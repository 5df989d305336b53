import { In, type EntityManager } from 'typeorm';
import { Council, Dossier, Meeting, MeetingItem, Unit } from '../../entities';
import type { CouncilPurpose } from '../../entities/council.entity';
import { MEETING_MACHINE_VERSION } from '../../machines/meeting.machine';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { provinceFor, councilFor } from '../councils/councils.service';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { DECISION_EVENT } from '../decisions/decision-kinds';
import { statesAccepting, stateLabel } from '../dossiers/dossier-rules';
import { ConflictError, ForbiddenError, fieldRuleError } from '../http/errors';
import { followsCouncil, getMeetingForUser, membershipOf, seatOf } from './meeting-access';
import { appendMeetingEvent, moveMeeting } from './meeting-log';
import { approvedDossiers, dossiersOnOpenAgendas } from './meeting-results';
import { agendaDossiers, insertAgenda } from './agenda';
import { initialMeetingState, meetingHasTag, meetingStateLabel } from './meeting-rules';
import type { CreateMeetingBody, UpdateMeetingBody } from './meeting.schemas';

/** The province's council of a purpose, 422 when it has none. */
async function requireCouncil(em: EntityManager, provinceId: string, purpose: CouncilPurpose) {
  const council = await councilFor(em, provinceId, purpose);
  if (!council)
    throw fieldRuleError('purpose', 'no_council', 'Tỉnh chưa thành lập Hội đồng cho loại việc này.');
  return council;
}

/** Only the council's secretary prepares its meetings. */
async function assertSecretary(em: EntityManager, user: CurrentUser, council: Council) {
  const member = await membershipOf(em, user, council.id);
  if (member?.position !== 'secretary') {
    throw new ForbiddenError('not_secretary', 'Chỉ Thư ký Hội đồng chuẩn bị phiên họp.');
  }
}

/**
 * Dossiers the council may put on an agenda: waiting for the decision its purpose leads to, in the
 * province, on no other meeting's agenda and not already approved.
 */
export async function eligibleDossiers(ctx: AppContext, user: CurrentUser, purpose: CouncilPurpose) {
  const em = ctx.ds.manager;
  const province = await provinceFor(em, user);
  const council = await requireCouncil(em, province.id, purpose);
  await assertSecretary(em, user, council);
  const dossiers = await em.find(Dossier, {
    where: { provinceId: province.id, state: In(statesAccepting(DECISION_EVENT[purpose])) },
    order: { year: 'DESC', code: 'ASC' },
  });
  const ids = dossiers.map((d) => d.id);
  const held = new Set((await dossiersOnOpenAgendas(em, ids)).map((r) => r.dossierId));
  const approved = await approvedDossiers(em, purpose, ids);
  const free = dossiers.filter((d) => !held.has(d.id) && !approved.has(d.id));
  const units = await em.find(Unit, { where: { id: In(free.map((d) => d.unitId)) } });
  return free.map((d) => ({
    id: d.id,
    code: d.code,
    year: d.year,
    state: d.state,
    stateLabel: stateLabel(d.state),
    unitName: units.find((u) => u.id === d.unitId)?.name ?? '',
  }));
}

/** The secretary drafts a meeting with its agenda; nothing is public until it is convened. */
export async function createMeeting(ctx: AppContext, user: CurrentUser, body: CreateMeetingBody) {
  return inTransaction(ctx.ds, async (em) => {
    const province = await provinceFor(em, user);
    const council = await requireCouncil(em, province.id, body.purpose);
    await assertSecretary(em, user, council);
    const at = ctx.clock().toISOString();
    if (body.meetingAt <= at)
      throw fieldRuleError('meetingAt', 'meeting_in_past', 'Thời gian họp phải ở tương lai.');
    const dossiers = await agendaDossiers(em, province.id, body.purpose, body.dossierIds);
    const state = initialMeetingState();
    const meeting: Meeting = {
      id: newId(),
      councilId: council.id,
      provinceId: province.id,
      purpose: body.purpose,
      state,
      version: 1,
      machineVersion: MEETING_MACHINE_VERSION,
      title: body.title,
      location: body.location,
      meetingAt: body.meetingAt,
      postingStartsAt: null,
      postingEndsAt: null,
      memberCount: 0,
      openedAt: null,
      closedAt: null,
      cancelReason: null,
      minutesKey: null,
      minutesSha256: null,
      createdById: user.id,
      createdAt: at,
      updatedAt: at,
    };
    await em.insert(Meeting, meeting);
    await insertAgenda(em, meeting.id, dossiers);
    await appendMeetingEvent(em, {
      meetingId: meeting.id,
      actor: user,
      at,
      type: 'CREATE',
      from: null,
      to: state,
      details: { dossierIds: dossiers.map((d) => d.id) },
    });
    return meeting;
  });
}

/** Meetings of the province's councils the user follows or sits on, newest first. */
export async function listMeetings(ctx: AppContext, user: CurrentUser, purpose?: CouncilPurpose) {
  const em = ctx.ds.manager;
  const councils = await em.find(Council, user.provinceId ? { where: { provinceId: user.provinceId } } : {});
  const visible: Council[] = [];
  for (const c of councils) if (await followsCouncil(em, user, c)) visible.push(c);
  if (visible.length === 0) return [];
  const meetings = await em.find(Meeting, {
    where: { councilId: In(visible.map((c) => c.id)), ...(purpose ? { purpose } : {}) },
    order: { meetingAt: 'DESC' },
  });
  return meetings.map((m) => ({
    id: m.id,
    title: m.title,
    purpose: m.purpose,
    state: m.state,
    stateLabel: meetingStateLabel(m.state),
    meetingAt: m.meetingAt,
    location: m.location,
    councilName: visible.find((c) => c.id === m.councilId)?.name ?? '',
  }));
}

/** The secretary changes a meeting still in preparation: title, place, time and agenda (versioned, audited). */
export async function updateMeeting(ctx: AppContext, user: CurrentUser, id: string, body: UpdateMeetingBody) {
  return inTransaction(ctx.ds, async (em) => {
    const { meeting } = await getMeetingForUser(em, user, id);
    const seat = await seatOf(em, user, meeting);
    if (seat.position !== 'secretary')
      throw new ForbiddenError('not_secretary', 'Chỉ Thư ký Hội đồng chuẩn bị phiên họp.');
    if (!meetingHasTag(meeting.state, 'editable')) {
      throw new ConflictError('agenda_fixed', 'Phiên họp đã triệu tập; chương trình không còn sửa được.');
    }
    const at = ctx.clock().toISOString();
    if (body.meetingAt <= at)
      throw fieldRuleError('meetingAt', 'meeting_in_past', 'Thời gian họp phải ở tương lai.');
    const dossiers = await agendaDossiers(
      em,
      meeting.provinceId,
      meeting.purpose,
      body.dossierIds,
      meeting.id,
    );
    if (body.version !== meeting.version) {
      throw new ConflictError('stale_version', 'Phiên họp vừa thay đổi; hãy tải lại trang.', {
        currentVersion: meeting.version,
      });
    }
    const changes = { title: body.title, location: body.location, meetingAt: body.meetingAt };
    const updated = await moveMeeting(em, meeting, meeting.state, at, changes);
    await em.delete(MeetingItem, { meetingId: meeting.id });
    await insertAgenda(em, meeting.id, dossiers);
    await appendMeetingEvent(em, {
      meetingId: meeting.id,
      actor: user,
      at,
      type: 'UPDATE',
      from: meeting.state,
      to: meeting.state,
      details: { ...changes, dossierIds: dossiers.map((d) => d.id) },
    });
    return updated;
  });
}
