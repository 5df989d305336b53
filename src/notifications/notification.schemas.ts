import { z } from 'zod';

/** GET /api/notifications */
export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false', '1', '0']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;
