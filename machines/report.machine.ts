import { and, setup } from 'xstate';
import type { Role } from './domain';

/**
 * The lifecycle of a progress report (báo cáo 6 tháng, báo cáo năm): the body that owes it drafts it —
 * figures computed, its own parts written (assessment, next period's tasks, proposals, signer) — then
 * issues it: numbered in that body's register, its figures and PDF frozen. An issued report is never
 * changed; a new version is a new report. Pure: the service computes the facts and persists.
 */

export const REPORT_STATES = ['draft', 'issued', 'cancelled'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_EVENT_TYPES = ['EDIT', 'ISSUE', 'CANCEL'] as const;
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];

export interface ReportStateMeta {
  label: string;
  /** Roles whose move the report waits for (the body that owes it: see `actorOwnsReport`). */
  actingRoles: readonly Role[];
}

/**
 * - `editable`: the author may still change its parts.
 * - `frozen`: numbered, figures and document kept as issued.
 */
export type ReportTag = 'editable' | 'frozen';

export interface ReportActor {
  role: Role;
  /** The actor belongs to the body that owes the report (the province's or the district's). */
  ownsReport: boolean;
}

interface WithActor {
  actor: ReportActor;
  at: string;
}

export type ReportEvent =
  | ({ type: 'EDIT' } & WithActor)
  | ({ type: 'ISSUE'; partsComplete: boolean } & WithActor)
  | ({ type: 'CANCEL'; reason: string } & WithActor);

export const reportMachine = setup({
  types: { events: {} as ReportEvent, meta: {} as ReportStateMeta, tags: {} as ReportTag },
  guards: {
    actorOwnsReport: ({ event }) => event.actor.ownsReport,
    partsComplete: ({ event }) => event.type === 'ISSUE' && event.partsComplete,
    hasReason: ({ event }) => event.type === 'CANCEL' && event.reason.trim().length > 0,
  },
  actions: {
    // EDIT changes no state: the service saves the parts. A no-op action lets `can()` see the transition.
    acceptEdit: () => undefined,
  },
}).createMachine({
  id: 'report',
  initial: 'draft',
  states: {
    draft: {
      meta: { label: 'Dự thảo', actingRoles: ['provincial_appraiser', 'district_reviewer'] },
      tags: ['editable'],
      on: {
        EDIT: { guard: 'actorOwnsReport', actions: 'acceptEdit' },
        ISSUE: { target: 'issued', guard: and(['actorOwnsReport', 'partsComplete']) },
        CANCEL: { target: 'cancelled', guard: and(['actorOwnsReport', 'hasReason']) },
      },
    },
    issued: { type: 'final', meta: { label: 'Đã ban hành', actingRoles: [] }, tags: ['frozen'] },
    cancelled: { type: 'final', meta: { label: 'Đã hủy', actingRoles: [] } },
  },
});
