import { z } from 'zod';
import { Dossier } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { classifyError, errorLimits, statusOf } from '../http/error-handler';
import { sendDossierEvent } from './dossier-events.service';
import { stateLabel } from './dossier-rules';

/** POST /api/dossiers/bulk-events: forward or pass several dossiers, each with the version the user saw. */
export const BulkEventBody = z.strictObject({
  type: z.enum(['FORWARD', 'PASS']),
  items: z
    .array(z.strictObject({ id: z.string().trim().min(1).max(64), version: z.number().int().min(1) }))
    .min(1, 'Chọn ít nhất một hồ sơ.')
    .max(200, 'Mỗi lần xử lý tối đa 200 hồ sơ.')
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, {
      message: 'Một hồ sơ chỉ được chọn một lần.',
    }),
});
export type BulkEventBody = z.infer<typeof BulkEventBody>;

export type BulkResult =
  | { id: string; ok: true; state: string; stateLabel: string; version: number }
  | { id: string; ok: false; status: number; code: string; message: string };

/**
 * Sends one event to each dossier as if it were sent alone: its own transaction, its own checks by the
 * machine (state, role, scores, version), its own audit event. One result per dossier, in the order
 * given; a refusal of one changes nothing of it and does not stop the others.
 */
export async function sendBulkEvent(ctx: AppContext, user: CurrentUser, body: BulkEventBody) {
  const results: BulkResult[] = [];
  for (const item of body.items) {
    try {
      await sendDossierEvent(ctx, user, item.id, { type: body.type, version: item.version });
      const d = await ctx.ds.manager.findOneByOrFail(Dossier, { id: item.id });
      results.push({
        id: item.id,
        ok: true,
        state: d.state,
        stateLabel: stateLabel(d.state),
        version: d.version,
      });
    } catch (err) {
      // The refusals the API would answer with a 4xx are this dossier's result; anything else is ours.
      const known = classifyError(err, errorLimits(ctx.config));
      if (!known) throw err;
      results.push({
        id: item.id,
        ok: false,
        status: statusOf(known),
        code: known.code,
        message: known.message,
      });
    }
  }
  return { type: body.type, done: results.filter((r) => r.ok).length, results };
}
