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
