import { z } from 'zod';
import { isoDate } from '../calendar/date-schema';
import { DECISION_STATES } from '../../machines/decision.machine';

// Dates are validated whole: "2026-12-02<script>" is refused, not cut to its first ten characters.
const dateOnly = isoDate;

const id = z.string().trim().min(1).max(64);

const dossierIds = z
  .array(id)
  .min(1)
  .max(5000)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'Một hồ sơ chỉ được nêu một lần.' });

/** The proposal (Tờ trình) a decision answers: its number, date and the body that made it. */
const Proposal = z.strictObject({
  number: z.string().trim().min(1).max(64),
  date: dateOnly,
  body: z.string().trim().min(1).max(300),
});

/** The legal grounds a revocation may give (Luật Thi đua, khen thưởng 2022; domain.md). */
export const REVOCATION_GROUNDS = {
  false_declaration: 'Kê khai thành tích không đúng sự thật',
  forged_documents: 'Giả mạo hoặc làm sai lệch hồ sơ, giấy tờ',
  appraisal_violation: 'Vi phạm trong thẩm định, xét duyệt',
  standards_not_met: 'Không đạt tiêu chuẩn theo quy định',
  ceased_to_meet: 'Không còn đáp ứng tiêu chí điển hình',
} as const;
export type RevocationGround = keyof typeof REVOCATION_GROUNDS;

const common = { dossierIds, proposal: Proposal, signerId: id };

/**
 * POST /api/decisions: a draft (nothing moves yet). A revocation names the decision it revokes and its
 * legal ground with the text of the reason.
 */
export const CreateDecisionBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('recognition'), ...common }),
  z.strictObject({ kind: z.literal('award'), ...common }),
  z.strictObject({
    kind: z.literal('revocation'),
    ...common,
    revokes: id,
    ground: z.enum(Object.keys(REVOCATION_GROUNDS) as [RevocationGround, ...RevocationGround[]]),
    reason: z.string().trim().min(1).max(4000),
  }),
]);
export type CreateDecisionBody = z.infer<typeof CreateDecisionBody>;

const version = z.number().int().min(1);
/** A reason the machine needs: its own message when blank. */
const reason = z
  .string()
  .trim()
  .max(4000)
  .refine((r) => r.length > 0, 'Vui lòng nêu lý do.');

/** POST /api/decisions/:id/events: one schema per event. */
export const DecisionEventBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('SUBMIT'), version }),
  z.strictObject({ type: z.literal('RETURN'), version, reason }),
  z.strictObject({ type: z.literal('SIGN'), version }),
  z.strictObject({
    type: z.literal('ISSUE'),
    version,
    // The number the body's register already gave (văn thư), else the register's next one.
    number: z.number().int().min(1).max(1_000_000).optional(),
    issuedAt: dateOnly.optional(),
  }),
  z.strictObject({ type: z.literal('CANCEL'), version, reason }),
]);
export type DecisionEventBody = z.infer<typeof DecisionEventBody>;

export const ListDecisionsQuery = z.strictObject({
  kind: z.enum(['recognition', 'award', 'revocation']).optional(),
  state: z.enum(DECISION_STATES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDecisionsQuery = z.infer<typeof ListDecisionsQuery>;

/** GET /api/register */
export const RegisterQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type RegisterQuery = z.infer<typeof RegisterQuery>;
