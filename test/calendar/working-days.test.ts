import { describe, expect, it } from 'vitest';
import type { PlanYear } from '../../entities';
import { addWorkingDays, endOfVnDay, fixedHolidays, workingDaysBetween } from '../../src/calendar/time';
import { addStageDays, dueAtFor } from '../../src/dossiers/due-dates';

const none = new Set<string>();
const context = {
  managedBy: 'district' as const,
  submissionDeadline: '2026-12-31T16:59:59.999Z',
  returnRequest: null,
};

describe('working days', () => {
  it('skips weekends: Friday + 1 is Monday, Monday + 10 is the Monday two weeks on', () => {
    expect(addWorkingDays('2026-11-27', 1, none)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-23', 10, none)).toBe('2026-12-07');
    expect(addWorkingDays('2026-11-28', 1, none)).toBe('2026-11-30'); // from a Saturday
  });
  it('skips holidays, fixed and configured, including a holiday week (Tết)', () => {
    expect(fixedHolidays([2026])).toEqual(['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-02']);
    const holidays = new Set([...fixedHolidays([2026]), '2026-04-27']);
    // Thu 23/4 + 3 working days: Fri 24, Tue 28, Wed 29 (Mon 27 is the Giỗ Tổ day off).
    expect(addWorkingDays('2026-04-23', 3, holidays)).toBe('2026-04-29');
    // Wed 29 + 1 skips Thu 30/4 and Fri 1/5 and the weekend: Mon 4/5.
    expect(addWorkingDays('2026-04-29', 1, holidays)).toBe('2026-05-04');
    const tet = new Set(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(addWorkingDays('2026-02-13', 1, tet)).toBe('2026-02-23');
  });
  it('counts the working days between two dates, the start excluded', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-23', none)).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-30', none)).toBe(5);
    expect(workingDaysBetween('2026-11-30', '2026-11-23', none)).toBe(0);
    expect(workingDaysBetween('2026-04-29', '2026-05-04', new Set(fixedHolidays([2026])))).toBe(1);
  });
});

describe('stage due dates', () => {
  const monday9am = new Date('2026-11-23T02:00:00Z');
  it('before submission the stage is due at the (extended) submission deadline', () => {
    expect(
      dueAtFor({
        state: 'self_assessment',
        context,
        enteredAt: monday9am,
        holidays: none,
        daysUsed: 0,
        planYear: null,
      }),
    ).toBe(context.submissionDeadline);
  });
  it('district review has 10 working days, provincial appraisal 15, the decision 10, to the end of the VN day', () => {
    const due = (state: 'district_review' | 'provincial_appraisal' | 'awaiting_decision') =>
      dueAtFor({ state, context, enteredAt: monday9am, holidays: none, daysUsed: 0, planYear: null });
    expect(due('district_review')).toBe(endOfVnDay('2026-12-07'));
    expect(due('provincial_appraisal')).toBe(endOfVnDay('2026-12-14'));
    expect(due('awaiting_decision')).toBe(endOfVnDay('2026-12-07'));
    expect(
      dueAtFor({
        state: 'recognized',
        context,
        enteredAt: monday9am,
        holidays: none,
        daysUsed: 0,
        planYear: null,
      }),
    ).toBeNull();
  });
  it('the clock stops while returned: days used on an earlier visit are not given again', () => {
    // Entered Monday 23/11, returned on Thursday 26/11: 3 working days used.
    const used = addStageDays(
      {},
      'district_review',
      monday9am.toISOString(),
      new Date('2026-11-26T08:00:00Z'),
      none,
    );
    expect(used).toEqual({ district_review: 3 });
    // Back on Monday 7/12 with 7 days left: due Wednesday 16/12.
    const back = new Date('2026-12-07T02:00:00Z');
    expect(
      dueAtFor({
        state: 'district_review',
        context,
        enteredAt: back,
        holidays: none,
        daysUsed: used.district_review ?? 0,
        planYear: null,
      }),
    ).toBe(endOfVnDay('2026-12-16'));
    // Stages without a clock are not tallied.
    expect(addStageDays(used, 'self_assessment', monday9am.toISOString(), back, none)).toBe(used);
  });
  it("never runs past the plan's own date for the stage, unless that date had passed on arrival", () => {
    const planYear = { districtReviewDeadline: '2026-12-01', appraisalDeadline: '2026-11-01' } as PlanYear;
    expect(
      dueAtFor({
        state: 'district_review',
        context,
        enteredAt: monday9am,
        holidays: none,
        daysUsed: 0,
        planYear,
      }),
    ).toBe(endOfVnDay('2026-12-01'));
    expect(
      dueAtFor({
        state: 'provincial_appraisal',
        context,
        enteredAt: monday9am,
        holidays: none,
        daysUsed: 0,
        planYear,
      }),
    ).toBe(endOfVnDay('2026-12-14'));
  });
});
