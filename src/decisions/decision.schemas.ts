import { z } from 'zod';
import { isoDate } from '../calendar/date-schema';

// Dates are validated whole: "2026-12-02<script>" is refused, not cut to its first ten characters.
const dateOnly = isoDate;

const signer = {
  signedAt: dateOnly,
  signerName: z.string().trim().min(1).max(200),
  signerTitle: z.string().trim().min(1).max(200),
};

const dossierIds = z
  .array(z.string().trim().min(1).max(64))
  .min(1)
  .max(5000)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'Một hồ sơ chỉ được nêu một lần.' });

/** POST /api/decisions: recognition or award of many dossiers, or revocation. */
export const IssueDecisionBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('recognition'), dossierIds, ...signer }),
  z.strictObject({ kind: z.literal('award'), dossierIds, ...signer }),
  z.strictObject({
    kind: z.literal('revocation'),
    dossierIds,
    reason: z.string().trim().min(1).max(4000),
    ...signer,
  }),
]);
export type IssueDecisionBody = z.infer<typeof IssueDecisionBody>;

/** Optional decision details that may accompany a REVOKE event. */
export const RevocationDetails = z.strictObject({
  signedAt: dateOnly.optional(),
  signerName: z.string().trim().min(1).max(200).optional(),
  signerTitle: z.string().trim().min(1).max(200).optional(),
});
export type RevocationDetails = z.infer<typeof RevocationDetails>;

export const ListDecisionsQuery = z.strictObject({
  kind: z.enum(['recognition', 'award', 'revocation']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDecisionsQuery = z.infer<typeof ListDecisionsQuery>;
