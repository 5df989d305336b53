import { z } from 'zod';
import { COUNCIL_PURPOSES } from '../../entities/council.entity';

const instant = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Thời điểm không hợp lệ (ví dụ 2026-12-20T08:00+07:00).')
  .transform((s) => new Date(s).toISOString());

export const CreateMeetingBody = z.strictObject({
  purpose: z.enum(COUNCIL_PURPOSES),
  title: z.string().trim().min(5).max(300),
  location: z.string().trim().min(2).max(300),
  meetingAt: instant,
  dossierIds: z.array(z.string().trim().min(1).max(36)).min(1).max(200),
});
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

/** A meeting still in preparation, changed: everything but its purpose, with the version it was read at. */
export const UpdateMeetingBody = z.strictObject({
  title: z.string().trim().min(5).max(300),
  location: z.string().trim().min(2).max(300),
  meetingAt: instant,
  dossierIds: z.array(z.string().trim().min(1).max(36)).min(1).max(200),
  version: z.coerce.number().int().min(1),
});
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

export const MeetingStepBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('CONVENE'), version: z.coerce.number().int().min(1) }),
  z.strictObject({ type: z.literal('OPEN'), version: z.coerce.number().int().min(1) }),
  z.strictObject({ type: z.literal('CLOSE'), version: z.coerce.number().int().min(1) }),
  z.strictObject({
    type: z.literal('CANCEL'),
    version: z.coerce.number().int().min(1),
    reason: z.string().trim().min(5).max(1000),
  }),
]);
export type MeetingStepBody = z.infer<typeof MeetingStepBody>;

export const Choice = z.enum(['yes', 'no']);
export type Choice = z.infer<typeof Choice>;

export const VoteBody = z.strictObject({ itemId: z.string().trim().min(1).max(36), choice: Choice });

/** A written vote: the absent member and each dossier's choice as read from the paper. */
export const WrittenVoteFields = z.strictObject({
  attendeeId: z.string().trim().min(1).max(36),
  votes: z
    .string()
    .max(20_000)
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Danh sách phiếu không hợp lệ.' });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(z.strictObject({ itemId: z.string().min(1).max(36), choice: Choice }))
        .min(1)
        .max(200),
    ),
});

export const MeetingListQuery = z.strictObject({ purpose: z.enum(COUNCIL_PURPOSES).optional() });
