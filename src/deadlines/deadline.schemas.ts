import { z } from 'zod';
import { isoDate } from '../calendar/date-schema';

/** POST /api/dossiers/:id/extension — a later submission deadline for one dossier (admin). */
export const ExtensionBody = z.strictObject({
  until: isoDate,
  reason: z.string().max(2000),
  version: z.number().int().min(1),
});
export type ExtensionBody = z.infer<typeof ExtensionBody>;

/** PUT /api/holidays — the whole list of public holidays besides the fixed ones. */
export const HolidaysBody = z.strictObject({
  holidays: z.array(z.strictObject({ date: isoDate, name: z.string().trim().min(1).max(200) })).max(500),
});
export type HolidaysBody = z.infer<typeof HolidaysBody>;
