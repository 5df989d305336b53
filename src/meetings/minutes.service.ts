import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IsNull } from 'typeorm';
import {
  Council,
  Meeting,
  MeetingAttendee,
  MeetingBallot,
  MeetingItem,
  Province,
  PublicComment,
} from '../../entities';
import type { AppContext } from '../app-context';
import { attachmentsDir } from '../attachments/attachment-files';
import type { CurrentUser } from '../auth/current-user';
import { vnClock, vnDate } from '../calendar/time';
import { POSITION_LABELS, thresholdText } from '../councils/council-labels';
import { ruleOf } from '../councils/councils.service';
import { renderMinutes, type MinutesDocument, type MinutesPerson } from '../documents/minutes.pdf';
import { vnLongDate, vnShortDate } from '../documents/vn-format';
import { ConflictError } from '../http/errors';
import { getMeetingForUser } from './meeting-access';
import { meetingHasTag } from './meeting-rules';

const when = (iso: string) => {
  const at = new Date(iso);
  return `${vnClock(at)} ${vnLongDate(vnDate(at))}`;
};

/** What the minutes print, read from the committed rows of a closed meeting. */
async function minutesOf(ctx: AppContext, meeting: Meeting): Promise<MinutesDocument> {
  const em = ctx.ds.manager;
  const council = await em.findOneByOrFail(Council, { id: meeting.councilId });
  const province = await em.findOneByOrFail(Province, { id: meeting.provinceId });
  const items = await em.find(MeetingItem, { where: { meetingId: meeting.id }, order: { position: 'ASC' } });
  const attendees = await em.find(MeetingAttendee, { where: { meetingId: meeting.id } });
  const written = new Set(
    (await em.find(MeetingBallot, { where: { meetingId: meeting.id, written: true } })).map(
      (b) => b.attendeeId,
    ),
  );
  const comments = await em.find(PublicComment, {
    where: { meetingId: meeting.id },
    select: { itemId: true },
  });
  const person = (a: MeetingAttendee): MinutesPerson => ({
    name: a.name,
    part: POSITION_LABELS[a.position],
    title: a.title,
    votedInWriting: written.has(a.id),
  });
  const order = Object.keys(POSITION_LABELS);
  const sorted = [...attendees].sort((a, b) => order.indexOf(a.position) - order.indexOf(b.position));
  const find = (position: string) => sorted.find((a) => a.position === position);
  const postingFrom = meeting.postingStartsAt ? vnShortDate(vnDate(new Date(meeting.postingStartsAt))) : '';
  const postingTo = meeting.postingEndsAt ? vnShortDate(vnDate(new Date(meeting.postingEndsAt))) : '';
  return {
    parentBody: `UBND ${province.name}`,
    councilName: council.name,
    placeName: province.shortName,
    date: vnDate(new Date(meeting.closedAt ?? meeting.updatedAt)),
    title: meeting.title,
    location: meeting.location,
    openedAt: when(meeting.openedAt ?? meeting.meetingAt),
    closedAt: when(meeting.closedAt ?? meeting.updatedAt),
    memberCount: meeting.memberCount,
    present: sorted.filter((a) => a.signedInAt !== null).map(person),
    absent: sorted.filter((a) => a.signedInAt === null).map(person),
    chair: find('chair') ? person(find('chair') as MeetingAttendee) : null,
    secretary: find('secretary') ? person(find('secretary') as MeetingAttendee) : null,
    posting: `Danh sách ${items.length} đơn vị được đề nghị đã được công khai trên Cổng thông tin từ ngày ${postingFrom} đến hết ngày ${postingTo}, nhận ${comments.length} ý kiến của nhân dân.`,
    rule: thresholdText(ruleOf(council)),
    items: items.map((i) => ({
      unitName: i.unitName,
      yes: i.yes,
      no: i.no,
      comments: comments.filter((c) => c.itemId === i.id).length,
      result: i.result === 'approved' ? 'Thông qua' : 'Không thông qua',
    })),
  };
}

const minutesKey = (meetingId: string) => `meetings/${meetingId}/bien-ban.pdf`;

/**
 * Renders the minutes of a closed meeting once and keeps the bytes and their hash; later calls find them
 * kept and do nothing (issued bytes are never re-rendered).
 */
export async function storeMinutes(ctx: AppContext, meetingId: string): Promise<void> {
  const meeting = await ctx.ds.manager.findOneByOrFail(Meeting, { id: meetingId });
  if (meeting.minutesKey || !meetingHasTag(meeting.state, 'decided')) return;
  const bytes = await renderMinutes(await minutesOf(ctx, meeting));
  const key = minutesKey(meeting.id);
  const target = path.join(attachmentsDir(ctx), key);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.writeFile(`${target}.part`, bytes);
  await fs.promises.rename(`${target}.part`, target);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await ctx.ds
    .getRepository(Meeting)
    .update({ id: meeting.id, minutesKey: IsNull() }, { minutesKey: key, minutesSha256: sha256 });
}

/** The kept minutes of a closed meeting (made now if the closing's render did not finish). */
export async function getMinutes(ctx: AppContext, user: CurrentUser, meetingId: string) {
  const { meeting } = await getMeetingForUser(ctx.ds.manager, user, meetingId);
  if (!meetingHasTag(meeting.state, 'decided')) {
    throw new ConflictError('meeting_not_closed', 'Biên bản có sau khi phiên họp kết thúc.');
  }
  await storeMinutes(ctx, meeting.id);
  const kept = await ctx.ds.manager.findOneByOrFail(Meeting, { id: meeting.id });
  return {
    fullPath: path.join(attachmentsDir(ctx), kept.minutesKey as string),
    fileName: `bien-ban-hop-hoi-dong-${vnDate(new Date(kept.closedAt ?? kept.updatedAt))}.pdf`,
    sha256: kept.minutesSha256,
  };
}
