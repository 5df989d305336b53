import { z } from 'zod';
import { isoDate } from '../calendar/date-schema';

/** PUT /api/holidays — the whole list of public holidays besides the fixed ones. */
export const HolidaysBody = z.strictObject({
  holidays: z.array(z.strictObject({ date: isoDate, name: z.string().trim().min(1).max(200) })).max(500),
});
export type HolidaysBody = z.infer<typeof HolidaysBody>;
