import { z } from 'zod';
import { COUNCIL_POSITIONS, COUNCIL_PURPOSES } from '../../entities/council.entity';
import { isoDate } from '../calendar/date-schema';

export const CouncilPurposeParam = z.enum(COUNCIL_PURPOSES);

/** The council's name, term and rule; `version` is required when it already exists. */
export const SaveCouncilBody = z
  .strictObject({
    provinceId: z.string().trim().min(1).max(64).optional(),
    name: z.string().trim().min(5).max(300),
    termStart: isoDate,
    termEnd: isoDate.nullable().optional(),
    quorumPercent: z.coerce.number().int().min(50).max(100),
    writtenVotesAllowed: z.boolean(),
    thresholdPercent: z.coerce.number().int().min(1).max(100),
    denominator: z.enum(['members', 'votes_cast']),
    comparison: z.enum(['at_least', 'more_than']),
    postingWorkingDays: z.coerce.number().int().min(1).max(60),
    commentRetentionDays: z.coerce.number().int().min(1).max(3650),
    version: z.coerce.number().int().min(1).optional(),
  })
  .refine((b) => !b.termEnd || b.termEnd > b.termStart, {
    path: ['termEnd'],
    message: 'Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.',
  });
export type SaveCouncilBody = z.infer<typeof SaveCouncilBody>;

export const AddMemberBody = z.strictObject({
  userId: z.string().trim().min(1).max(36),
  position: z.enum(COUNCIL_POSITIONS),
  title: z.string().trim().min(2).max(200),
});
export type AddMemberBody = z.infer<typeof AddMemberBody>;

export const CouncilQuery = z.strictObject({ provinceId: z.string().trim().min(1).max(64).optional() });
