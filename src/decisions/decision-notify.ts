import type { EntityManager } from 'typeorm';
import type { DecisionState } from '../../machines/decision.machine';
import type { Decision } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { insertNotifications } from '../notifications/notifications.service';
import { usersInRolesFor } from '../notifications/recipients';
import { decisionActingRoles, decisionStateLabel } from './decision-rules';

/** Tells whoever must act next (the signer, the clerk, internal affairs) inside the transaction. */
export async function notifyNext(
  em: EntityManager,
  decision: Decision,
  to: DecisionState,
  version: number,
  actor: CurrentUser,
  at: string,
): Promise<void> {
  const roles = decisionActingRoles(to);
  const place = { provinceId: decision.provinceId, districtId: null, unitId: '' };
  let users = await usersInRolesFor(em, roles, place);
  // Only the assigned leader signs: the other leaders are not asked.
  if (roles.includes('signer')) users = users.filter((u) => u.id === decision.signerId);
  const recipients = users.filter((u) => u.id !== actor.id);
  if (!recipients.length) return;
  const what =
    decision.numberText ??
    `dự thảo quyết định (${decision.kind === 'revocation' ? 'thu hồi' : decision.kind === 'award' ? 'khen thưởng' : 'công nhận'})`;
  const message = `Quyết định ${what} đang ở bước "${decisionStateLabel(to)}" và chờ bạn xử lý.`;
  await insertNotifications(
    em,
    recipients.map((u) => ({
      userId: u.id,
      dossierId: null,
      kind: 'action_required',
      message,
      dedupeKey: `decision:${decision.id}:${version}`,
    })),
    at,
  );
}
