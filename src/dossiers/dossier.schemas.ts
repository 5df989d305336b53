import { z } from 'zod';
import { isoDate } from '../calendar/date-schema';
import { UNIT_TYPES } from '../../machines/domain';
import { DOSSIER_STATES } from '../../machines/dossier.machine';

const id = z.string().trim().min(1).max(64);
const note = z.string().max(2000);
const criterionCode = z.string().trim().min(1).max(32);

/** POST /api/dossiers */
export const OpenDossierBody = z.strictObject({
  unitId: id,
  year: z.number().int().min(2000).max(2100),
});
export type OpenDossierBody = z.infer<typeof OpenDossierBody>;

/** GET /api/dossiers query; numbers arrive as strings. */
export const ListDossiersQuery = z.strictObject({
  state: z.enum(DOSSIER_STATES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  districtId: id.optional(),
  unitType: z.enum(UNIT_TYPES).optional(),
  q: z.string().max(200).optional(),
  /** Overdue, or due within the home page's "due soon" window. */
  due: z.enum(['overdue', 'soon']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDossiersQuery = z.infer<typeof ListDossiersQuery>;

/** A reason the machine needs (RETURN, REJECT, REVOKE): required and not blank. */
/** A required reason: its own message when blank (a refinement's message is shown as written). */
const reasonText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((r) => r.length > 0, message);
const reason = reasonText(4000, 'Vui lòng nêu lý do.');
const version = z.number().int().min(1);
const plain = <T extends 'START' | 'SUBMIT' | 'WITHDRAW' | 'FORWARD' | 'PASS' | 'PROPOSE_AWARD'>(type: T) =>
  z.strictObject({ type: z.literal(type), version });

/**
 * POST /api/dossiers/:id/events: one schema per event, `reason` required exactly where the machine needs
 * it and other fields only on the events that use them.
 */
export const DossierEventBody = z.discriminatedUnion('type', [
  plain('START'),
  plain('SUBMIT'),
  plain('WITHDRAW'),
  plain('FORWARD'),
  plain('PASS'),
  plain('PROPOSE_AWARD'),
  z.strictObject({
    type: z.literal('RETURN'),
    version,
    reason,
    criteria: z
      .array(z.strictObject({ code: criterionCode, note: note.optional() }))
      .max(200)
      .optional(),
  }),
  z.strictObject({ type: z.literal('REJECT'), version, reason }),
]);
export type DossierEventBody = z.infer<typeof DossierEventBody>;

/** The events whose form asks for a reason, read off the schema. */
export const EVENTS_WITH_REASON: ReadonlySet<DossierEventBody['type']> = new Set(
  DossierEventBody.options.filter((o) => 'reason' in o.shape).map((o) => o.shape.type.value),
);

const ScoreEntry = z.strictObject({
  criterionCode,
  points: z.number().int().min(0).max(1000),
  note: note.nullish(),
});

const uniqueCodes = (scores: { criterionCode: string }[]): boolean =>
  new Set(scores.map((s) => s.criterionCode)).size === scores.length;

const scoresArray = z
  .array(ScoreEntry)
  .max(500)
  .refine(uniqueCodes, { message: 'Mỗi tiêu chí chỉ được chấm một lần trong một lần gửi.' });

/** PUT /api/dossiers/:id/self-assessment */
export const SelfAssessmentBody = z.strictObject({
  scores: scoresArray,
  report: z.string().max(100_000).nullish(),
  version: z.number().int().min(1).optional(),
});
export type SelfAssessmentBody = z.infer<typeof SelfAssessmentBody>;

/** PUT /api/dossiers/:id/review-scores */
export const ReviewScoresBody = z.strictObject({
  scores: scoresArray,
  version: z.number().int().min(1).optional(),
});
export type ReviewScoresBody = z.infer<typeof ReviewScoresBody>;

/** POST /api/dossiers/:id/extension: a later submission deadline for one dossier (admin), with a reason. */
export const ExtensionBody = z.strictObject({
  until: isoDate,
  reason: reasonText(2000, 'Vui lòng nêu lý do gia hạn.'),
  version: z.number().int().min(1),
});
export type ExtensionBody = z.infer<typeof ExtensionBody>;

/** GET /api/dossiers/:id/receipt.pdf: one submission's receipt (the latest without `sequence`). */
export const ReceiptQuery = z.strictObject({
  sequence: z.coerce.number().int().min(1).max(1000).optional(),
});

/** GET /api/dossiers/export.xlsx: the list's filters, without paging. */
export const ExportQuery = ListDossiersQuery.omit({ page: true, pageSize: true });

/** GET /api/dossiers/summary */
export const SummaryQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** The award proposal's fields beside its file (multipart). */
export const AwardProposalFields = z.strictObject({
  proposalNumber: z.string().trim().min(3).max(64),
  proposalDate: isoDate,
  version: z.coerce.number().int().min(1),
});

/** Sở Nội vụ's appraisal: an opinion, and a score if it scores. */
export const AwardAppraisalBody = z.strictObject({
  opinion: z.string().trim().min(5).max(4000),
  score: z.coerce.number().int().min(0).max(100).optional(),
  version: z.coerce.number().int().min(1),
});
