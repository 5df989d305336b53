import { z } from 'zod';

/** GET /api/reports/progress(.csv|.svg|.pdf) */
export const ProgressQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  provinceId: z.string().min(1).max(64).optional(),
  districtId: z.string().min(1).max(64).optional(),
  /** PDF only: the 6-month or the annual report. */
  period: z.enum(['six_month', 'annual']).default('annual'),
});
export type ProgressQuery = z.infer<typeof ProgressQuery>;

/** GET /api/reports/national */
export const NationalQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

/** GET /api/reports */
export const ListReportsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const text = (max: number) => z.string().trim().max(max);

/** POST /api/reports */
export const CreateReportBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  period: z.enum(['six_month', 'annual']),
});

/** PUT /api/reports/:id: the author's parts, versioned. */
export const UpdateReportBody = z.strictObject({
  version: z.number().int().min(1),
  strengths: text(8000).optional(),
  shortcomings: text(8000).optional(),
  causes: text(8000).optional(),
  nextTasks: text(8000).optional(),
  proposals: text(8000).optional(),
  signerName: text(200).optional(),
  signerPosition: text(100).optional(),
});

/** POST /api/reports/:id/events */
export const ReportEventBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ISSUE'), version: z.number().int().min(1) }),
  z.strictObject({
    type: z.literal('CANCEL'),
    version: z.number().int().min(1),
    reason: z.string().trim().min(1, 'Vui lòng nêu lý do.').max(4000),
  }),
]);
