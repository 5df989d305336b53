import { z } from 'zod';

/** A Vietnamese phone number: 0 or +84, then 9–10 digits (spaces and dots allowed between). */
const phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.]/g, ''))
  .refine((s) => /^(0|\+84)\d{9,10}$/.test(s), 'Số điện thoại không hợp lệ (ví dụ 0912 345 678).');

/** A comment from the public; `website` is a field people never see (filled only by robots). */
export const CommentBody = z.strictObject({
  itemId: z.string().trim().min(1).max(36),
  body: z.string().trim().min(10).max(2000),
  name: z.string().trim().min(2).max(120),
  phone,
  address: z.string().trim().min(5).max(300),
  website: z.string().max(200).optional(),
});
export type CommentBody = z.infer<typeof CommentBody>;

export const HandlingBody = z.strictObject({ handling: z.string().trim().min(5).max(2000) });
