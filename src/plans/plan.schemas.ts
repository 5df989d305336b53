import { z } from 'zod';
import { MANAGED_BY, UNIT_TYPES } from '../../machines/domain';
import { isUnitTag } from '../../entities/unit.entity';
import { isoDate } from '../calendar/date-schema';

const id = z.string().min(1).max(64);

export const TargetInput = z
  .strictObject({
    label: z.string().trim().min(1).max(500),
    unitTypes: z.array(z.enum(UNIT_TYPES)).min(1).max(UNIT_TYPES.length),
    tagsAny: z
      .array(z.string().refine(isUnitTag, { message: 'Nhãn đơn vị không hợp lệ.' }))
      .max(10)
      .default([]),
    districtIds: z.array(id).max(100).default([]),
    managedBy: z.enum(MANAGED_BY).nullable().default(null),
    measure: z.enum(['percent', 'count']),
    value: z.number().int().min(1).max(10000),
    breakdown: z.enum(['province', 'district', 'block']).default('province'),
    cumulative: z.boolean().default(false),
  })
  .refine((t) => t.measure !== 'percent' || t.value <= 100, {
    message: 'Tỷ lệ phần trăm tối đa là 100.',
    path: ['value'],
  });
export type TargetInput = z.infer<typeof TargetInput>;

export const PlanYearInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  registrationDeadline: isoDate.nullable().default(null),
  submissionDeadline: isoDate,
  districtReviewDeadline: isoDate.nullable().default(null),
  appraisalDeadline: isoDate.nullable().default(null),
  sixMonthReportDeadline: isoDate.nullable().default(null),
  annualReportDeadline: isoDate.nullable().default(null),
  targets: z.array(TargetInput).max(100).default([]),
  /** Units the plan names for the year (they must be recognized that year). */
  namedUnitIds: z.array(id).max(1000).default([]),
});
export type PlanYearInput = z.infer<typeof PlanYearInput>;

export const PlanInput = z.strictObject({
  provinceId: id.optional(),
  reference: z.string().trim().max(100).nullable().default(null),
  title: z.string().trim().min(1).max(500),
  startYear: z.number().int().min(2000).max(2100),
  endYear: z.number().int().min(2000).max(2100),
  years: z.array(PlanYearInput).min(1).max(10),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanUpdate = z.strictObject({
  ...PlanInput.shape,
  version: z.number().int().min(1),
});
export type PlanUpdate = z.infer<typeof PlanUpdate>;

export const PlanListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
