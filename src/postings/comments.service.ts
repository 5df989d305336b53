import { CommentAccess, MeetingItem, PublicComment } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { getMeetingForUser, seatOf } from '../meetings/meeting-access';
import { appendMeetingEvent } from '../meetings/meeting-log';
import { eraseExpiredPersonalData } from './postings.service';

/** Only the council's secretary and chair read the public's comments with who sent them. */
async function assertReader(ctx: AppContext, user: CurrentUser, meetingId: string) {
  const { meeting } = await getMeetingForUser(ctx.ds.manager, user, meetingId);
  const seat = await seatOf(ctx.ds.manager, user, meeting);
  if (seat.part !== 'secretary' && seat.part !== 'chair') {
    throw new ForbiddenError('forbidden', 'Chỉ Thư ký và Chủ tịch Hội đồng xem ý kiến của nhân dân.');
  }
  return { meeting, seat };
}

/**
 * The comments on a meeting's nominees, per dossier, with their senders' personal data while it is kept.
 * Each reading is logged (who, when, how many) in the same transaction that reads them.
 */
export async function listComments(ctx: AppContext, user: CurrentUser, meetingId: string) {
  const { meeting } = await assertReader(ctx, user, meetingId);
  await eraseExpiredPersonalData(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const items = await em.find(MeetingItem, {
      where: { meetingId: meeting.id },
      order: { position: 'ASC' },
    });
    const comments = await em.find(PublicComment, {
      where: { meetingId: meeting.id },
      order: { createdAt: 'ASC' },
    });
    await em.insert(CommentAccess, {
      id: newId(),
      meetingId: meeting.id,
      userId: user.id,
      username: user.username,
      at: ctx.clock().toISOString(),
      commentCount: comments.length,
    });
    return items.map((i) => ({
      itemId: i.id,
      unitName: i.unitName,
      comments: comments
        .filter((c) => c.itemId === i.id)
        .map((c) => ({
          id: c.id,
          body: c.body,
          createdAt: c.createdAt,
          name: c.authorName,
          phone: c.authorPhone,
          address: c.authorAddress,
          erased: c.erasedAt !== null,
          handling: c.handling,
          handledAt: c.handledAt,
        })),
    }));
  });
}

/** The secretary records how a comment was handled (verified, answered, passed to the council…); audited. */
export async function handleComment(
  ctx: AppContext,
  user: CurrentUser,
  meetingId: string,
  commentId: string,
  handling: string,
) {
  const { meeting, seat } = await assertReader(ctx, user, meetingId);
  if (seat.part !== 'secretary') {
    throw new ForbiddenError('not_secretary', 'Chỉ Thư ký Hội đồng ghi nhận cách xử lý ý kiến.');
  }
  await inTransaction(ctx.ds, async (em) => {
    const comment = await em.findOne(PublicComment, { where: { id: commentId, meetingId: meeting.id } });
    if (!comment) throw new NotFoundError('comment_not_found', 'Không tìm thấy ý kiến.');
    const at = ctx.clock().toISOString();
    await em.update(PublicComment, { id: comment.id }, { handling, handledById: user.id, handledAt: at });
    await appendMeetingEvent(em, {
      meetingId: meeting.id,
      actor: user,
      at,
      type: 'COMMENT_HANDLED',
      from: meeting.state,
      to: meeting.state,
      reason: handling,
      details: { commentId: comment.id, itemId: comment.itemId },
    });
  });
}

/** Who read the commenters' personal data, newest first (for the council's chair and the admin). */
export async function commentAccessLog(ctx: AppContext, user: CurrentUser, meetingId: string) {
  const { meeting } = await assertReader(ctx, user, meetingId);
  return ctx.ds
    .getRepository(CommentAccess)
    .find({ where: { meetingId: meeting.id }, order: { at: 'DESC' } });
}
