import { createHmac } from 'node:crypto';
import { In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { Council, District, Dossier, Meeting, MeetingItem, Province, PublicComment } from '../../entities';
import { UNIT_TYPE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { sessionSecret } from '../auth/session-secret';
import { PURPOSE_LABELS } from '../councils/council-labels';
import { newId } from '../db/ids';
import { ConflictError, NotFoundError, RuleError, TooManyRequestsError } from '../http/errors';
import { meetingHasTag, meetingStatesTagged } from '../meetings/meeting-rules';
import type { CommentBody } from './posting.schemas';

/** Abuse limits per client: comments per hour and per day. */
export const COMMENT_LIMITS = { perHour: 5, perDay: 20 };

/**
 * The nominees on public posting now (công khai): meetings convened whose posting period has not ended.
 * Organizations only; nothing about any person.
 */
export async function currentPostings(ctx: AppContext) {
  const em = ctx.ds.manager;
  const now = ctx.clock().toISOString();
  const meetings = await em.find(Meeting, {
    where: { state: In(meetingStatesTagged('posted')), postingEndsAt: MoreThan(now) },
    order: { postingEndsAt: 'ASC' },
  });
  const result = [];
  for (const m of meetings) {
    const [council, province, items] = await Promise.all([
      em.findOneByOrFail(Council, { id: m.councilId }),
      em.findOneByOrFail(Province, { id: m.provinceId }),
      em.find(MeetingItem, { where: { meetingId: m.id }, order: { position: 'ASC' } }),
    ]);
    const dossiers = await em.find(Dossier, { where: { id: In(items.map((i) => i.dossierId)) } });
    const districts = await em.find(District, { where: { provinceId: m.provinceId } });
    result.push({
      meetingId: m.id,
      provinceName: province.name,
      councilName: council.name,
      purpose: m.purpose,
      purposeLabel: PURPOSE_LABELS[m.purpose],
      postingStartsAt: m.postingStartsAt,
      postingEndsAt: m.postingEndsAt,
      nominees: items.map((i) => {
        const d = dossiers.find((x) => x.id === i.dossierId);
        return {
          itemId: i.id,
          unitName: i.unitName,
          unitType: d ? UNIT_TYPE_LABELS[d.unitType] : '',
          districtName: districts.find((x) => x.id === d?.districtId)?.name ?? null,
          year: d?.year ?? null,
        };
      }),
    });
  }
  return result;
}

/** A keyed hash of the client's address: enough to count its comments, never the address itself. */
async function clientHashOf(ctx: AppContext, clientIp: string) {
  const secret = await sessionSecret(ctx.ds, process.env.SESSION_SECRET);
  return createHmac('sha256', secret).update(`public-comment:${clientIp}`).digest('hex');
}

async function assertWithinLimits(ctx: AppContext, clientHash: string, now: Date) {
  const repo = ctx.ds.getRepository(PublicComment);
  const since = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const lastHour = await repo.count({ where: { clientHash, createdAt: MoreThan(since(3_600_000)) } });
  const lastDay = await repo.count({ where: { clientHash, createdAt: MoreThan(since(86_400_000)) } });
  if (lastHour >= COMMENT_LIMITS.perHour || lastDay >= COMMENT_LIMITS.perDay) {
    const retryAfterSeconds = lastDay >= COMMENT_LIMITS.perDay ? 86_400 : 3_600;
    throw new TooManyRequestsError(
      'too_many_comments',
      `Bạn đã gửi nhiều ý kiến trong thời gian ngắn; vui lòng gửi lại sau ${retryAfterSeconds / 3600} giờ.`,
      { retryAfterSeconds },
    );
  }
}

/**
 * Takes a comment on a posted nominee while its posting lasts. The name, phone and address are kept for
 * the council only, until the council's retention period ends. 409 after the posting, 429 past the limits.
 */
export async function addComment(ctx: AppContext, clientIp: string, body: CommentBody) {
  if (body.website) throw new RuleError('comment_refused', 'Không nhận được ý kiến.');
  const em = ctx.ds.manager;
  const item = await em.findOne(MeetingItem, { where: { id: body.itemId } });
  const meeting = item ? await em.findOne(Meeting, { where: { id: item.meetingId } }) : null;
  if (!item || !meeting || !meetingHasTag(meeting.state, 'posted')) {
    throw new NotFoundError('nominee_not_found', 'Không tìm thấy đơn vị đang được công khai.');
  }
  const now = ctx.clock();
  if (!meeting.postingEndsAt || now.toISOString() >= meeting.postingEndsAt) {
    throw new ConflictError('posting_closed', 'Thời gian công khai đã kết thúc; không nhận thêm ý kiến.');
  }
  const clientHash = await clientHashOf(ctx, clientIp);
  await assertWithinLimits(ctx, clientHash, now);
  const council = await em.findOneByOrFail(Council, { id: meeting.councilId });
  const comment = {
    id: newId(),
    meetingId: meeting.id,
    itemId: item.id,
    body: body.body,
    authorName: body.name,
    authorPhone: body.phone,
    authorAddress: body.address,
    clientHash,
    createdAt: now.toISOString(),
    eraseAt: new Date(now.getTime() + council.commentRetentionDays * 86_400_000).toISOString(),
    erasedAt: null,
    handling: null,
    handledById: null,
    handledAt: null,
  };
  await em.insert(PublicComment, comment);
  return { id: comment.id, unitName: item.unitName };
}

/** Erases the personal data of comments past their retention; returns how many were erased. */
export async function eraseExpiredPersonalData(ctx: AppContext): Promise<number> {
  const now = ctx.clock().toISOString();
  const result = await ctx.ds
    .getRepository(PublicComment)
    .update(
      { eraseAt: LessThanOrEqual(now), erasedAt: IsNull() },
      { authorName: null, authorPhone: null, authorAddress: null, erasedAt: now },
    );
  return result.affected ?? 0;
}

/** Erases expired personal data every hour on each instance (one UPDATE; harmless when run twice). */
export function scheduleCommentErasure(ctx: AppContext, log: (line: string) => void): () => void {
  const timer = setInterval(() => {
    eraseExpiredPersonalData(ctx)
      .then((n) => n && log(`Đã xóa thông tin cá nhân của ${n} ý kiến hết thời hạn lưu giữ.`))
      .catch((e: unknown) => log(`Lỗi khi xóa thông tin cá nhân hết hạn: ${String(e)}`));
  }, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
