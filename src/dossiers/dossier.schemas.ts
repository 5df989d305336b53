import { z } from 'zod';
import { UNIT_TYPES } from '../../machines/domain';
import { DOSSIER_STATES, USER_EVENT_TYPES } from '../../machines/dossier.machine';

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
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDossiersQuery = z.infer<typeof ListDossiersQuery>;

/** POST /api/dossiers/:id/events */
export const DossierEventBody = z.strictObject({
  type: z.enum(USER_EVENT_TYPES),
  version: z.number().int().min(1),
  reason: z.string().max(4000).optional(),
  criteria: z
    .array(z.strictObject({ code: criterionCode, note: note.optional() }))
    .max(200)
    .optional(),
  // REVOKE only: details of the revocation decision (default: today, the signer of the revoked decision).
  signedAt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  signerName: z.string().trim().min(1).max(200).optional(),
  signerTitle: z.string().trim().min(1).max(200).optional(),
});
export type DossierEventBody = z.infer<typeof DossierEventBody>;

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
