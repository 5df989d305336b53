import { ROLES, type Role } from '../../machines/domain';
import { ForbiddenError } from '../http/errors';
import type { CurrentUser } from './current-user';

/**
 * Who may do what, outside the dossier machine's events (those are guarded by the machine itself).
 * Routes never hand-code role checks: they call `assertMay`.
 */
export const ACTION_ROLES = {
  'dossier.open': ['unit_officer', 'district_reviewer'],
  'dossier.selfAssessment.write': ['unit_officer'],
  'dossier.attachments.write': ['unit_officer'],
  'dossier.reviewScores.write': ['district_reviewer', 'provincial_appraiser'],
  'decision.draft': ['internal_affairs_officer'],
  'decision.read': [
    'provincial_appraiser',
    'internal_affairs_officer',
    'signer',
    'clerk',
    'admin',
    'ministry',
  ],
  'register.read': ['internal_affairs_officer', 'clerk', 'admin'],
  'decision.attachScan': ['clerk'],
  'reports.read': [
    'district_reviewer',
    'provincial_appraiser',
    'internal_affairs_officer',
    'admin',
    'ministry',
  ],
  /** Every province side by side, and the national total. */
  'reports.national': ['admin', 'ministry'],
  'admin.manage': ['admin'],
  /** Sending any change at all: everyone but the Ministry's read-only accounts. */
  'data.write': ROLES.filter((r) => r !== 'ministry'),
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof ACTION_ROLES;

/** Whether the user's role may perform `action` at all (jurisdiction is checked separately). */
export function may(user: CurrentUser, action: Action): boolean {
  return (ACTION_ROLES[action] as readonly Role[]).includes(user.role);
}

/** Throws ForbiddenError (403) when the user's role may not perform `action`. */
export function assertMay(user: CurrentUser, action: Action): void {
  if (!may(user, action)) {
    throw new ForbiddenError('forbidden', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
  }
}
