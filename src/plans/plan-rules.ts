import { In, Not, type EntityManager } from 'typeorm';
import { District, PlanYear, Unit } from '../../entities';
import { ConflictError, RuleError } from '../http/errors';
import type { FieldError } from '../http/validate';
import type { PlanInput } from './plan.schemas';

const DEADLINE_ORDER = [
  ['registrationDeadline', 'hạn đăng ký'],
  ['submissionDeadline', 'hạn nộp hồ sơ'],
  ['districtReviewDeadline', 'hạn xét duyệt cấp huyện'],
  ['appraisalDeadline', 'hạn thẩm định cấp tỉnh'],
] as const;

/** Field errors for the shape of the plan's years and deadlines (nothing read from the database). */
function periodErrors(input: PlanInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.endYear < input.startYear || input.endYear - input.startYear > 9) {
    errors.push({
      field: 'endYear',
      code: 'invalid_period',
      message: 'Năm kết thúc phải từ năm bắt đầu đến tối đa 10 năm.',
    });
  }
  const seen = new Set<number>();
  input.years.forEach((y, i) => {
    if (y.year < input.startYear || y.year > input.endYear) {
      errors.push({
        field: `years.${i}.year`,
        code: 'year_outside_period',
        message: `Năm ${y.year} nằm ngoài giai đoạn của kế hoạch.`,
      });
    }
    if (seen.has(y.year)) {
      errors.push({ field: `years.${i}.year`, code: 'duplicate_year', message: `Năm ${y.year} bị lặp.` });
    }
    seen.add(y.year);
    let previous: { key: string; label: string; date: string } | null = null;
    for (const [key, label] of DEADLINE_ORDER) {
      const date = y[key];
      if (!date) continue;
      if (previous && date < previous.date) {
        errors.push({
          field: `years.${i}.${key}`,
          code: 'deadline_order',
          message: `${label[0].toUpperCase()}${label.slice(1)} không được trước ${previous.label}.`,
        });
      }
      previous = { key, label, date };
    }
  });
  return errors;
}

/** Field errors for districts and named units that are not in the plan's province. */
async function referenceErrors(
  em: EntityManager,
  input: PlanInput,
  provinceId: string,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const districtIds = [...new Set(input.years.flatMap((y) => y.targets.flatMap((t) => t.districtIds)))];
  const unitIds = [...new Set(input.years.flatMap((y) => y.namedUnitIds))];
  const districts = districtIds.length
    ? await em.find(District, { where: { id: In(districtIds), provinceId }, select: { id: true } })
    : [];
  const units = unitIds.length
    ? await em.find(Unit, { where: { id: In(unitIds), provinceId }, select: { id: true } })
    : [];
  const knownDistricts = new Set(districts.map((d) => d.id));
  const knownUnits = new Set(units.map((u) => u.id));
  input.years.forEach((y, i) => {
    y.targets.forEach((t, j) => {
      t.districtIds.forEach((d, k) => {
        if (!knownDistricts.has(d)) {
          errors.push({
            field: `years.${i}.targets.${j}.districtIds.${k}`,
            code: 'unknown_district',
            message: 'Không có huyện này trong tỉnh.',
          });
        }
      });
    });
    const named = new Set<string>();
    y.namedUnitIds.forEach((u, k) => {
      if (!knownUnits.has(u)) {
        errors.push({
          field: `years.${i}.namedUnitIds.${k}`,
          code: 'unknown_unit',
          message: 'Không có đơn vị này trong tỉnh.',
        });
      } else if (named.has(u)) {
        errors.push({
          field: `years.${i}.namedUnitIds.${k}`,
          code: 'duplicate_unit',
          message: 'Đơn vị bị lặp.',
        });
      }
      named.add(u);
    });
  });
  return errors;
}

/** Throws RuleError (422) listing every field that breaks a plan rule. */
export async function assertPlanValid(
  em: EntityManager,
  input: PlanInput,
  provinceId: string,
): Promise<void> {
  const errors = [...periodErrors(input), ...(await referenceErrors(em, input, provinceId))];
  if (errors.length) {
    throw new RuleError('invalid_plan', 'Kế hoạch chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.', {
      fields: errors,
    });
  }
}

/** Throws ConflictError (409) when another plan of the province already covers one of the years. */
export async function assertNoOverlap(
  em: EntityManager,
  provinceId: string,
  years: number[],
  exceptPlanId: string | null,
): Promise<void> {
  const clash = await em.findOne(PlanYear, {
    where: { provinceId, year: In(years), ...(exceptPlanId ? { planId: Not(exceptPlanId) } : {}) },
  });
  if (clash) {
    throw new ConflictError('plan_year_taken', `Năm ${clash.year} đã thuộc một kế hoạch khác của tỉnh.`, {
      year: clash.year,
      planId: clash.planId,
    });
  }
}
