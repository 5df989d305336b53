/** The business time zone: dates on documents and deadlines are Vietnamese calendar days. */
export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VN_OFFSET = '+07:00';

/** A source of the current time, so tests and jobs can fix it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** The calendar date (YYYY-MM-DD) of an instant in Việt Nam. */
export function vnDate(at: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: BUSINESS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The time of day (HH:MM) of an instant in Việt Nam. */
export function vnClock(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: BUSINESS_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The last instant of a Vietnamese calendar day, as ISO UTC. */
export function endOfVnDay(date: string): string {
  return new Date(`${date}T23:59:59.999${VN_OFFSET}`).toISOString();
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** True for Saturday and Sunday. */
function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The date `n` working days after `from` (weekends and `holidays` excluded), e.g. a stage entered on a
 * Friday with 1 working day is due on Monday.
 */
export function addWorkingDays(from: string, n: number, holidays: ReadonlySet<string>): string {
  let date = from;
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (!isWeekend(date) && !holidays.has(date)) left -= 1;
  }
  return date;
}

/** Fixed-date public holidays of Việt Nam (Tết and Hùng Kings' day move with the lunar calendar: configure them). */
export function fixedHolidays(years: number[]): string[] {
  return years.flatMap((y) => [`${y}-01-01`, `${y}-04-30`, `${y}-05-01`, `${y}-09-02`]);
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (!isWeekend(date) && !holidays.has(date)) count += 1;
  }
  return count;
}
