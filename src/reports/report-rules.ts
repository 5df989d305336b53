import { transition } from 'xstate';
import {
  REPORT_EVENT_TYPES,
  REPORT_STATES,
  reportMachine,
  type ReportActor,
  type ReportEvent,
  type ReportEventType,
  type ReportState,
  type ReportStateMeta,
  type ReportTag,
} from '../../machines/report.machine';
import { ConflictError } from '../http/errors';

/*
 * The one module that reads the report machine's table. Nothing else compares report state names.
 */
const isState = (s: string): s is ReportState => (REPORT_STATES as readonly string[]).includes(s);
const metaOf = (s: ReportState) => reportMachine.states[s].meta as ReportStateMeta;

export const reportStateLabel = (state: string): string => (isState(state) ? metaOf(state).label : state);

export const reportHasTag = (state: string, tag: ReportTag): boolean =>
  isState(state) && reportMachine.states[state].tags.includes(tag);

export const initialReportState = (): ReportState => reportMachine.config.initial as ReportState;

const snapshotOf = (state: ReportState) => reportMachine.resolveState({ value: state, context: {} });

/** The state an event leads to, or null when the machine refuses it (wrong state, wrong person, facts). */
export function nextReportState(state: ReportState, event: ReportEvent): ReportState | null {
  const snapshot = snapshotOf(state);
  if (!snapshot.can(event)) return null;
  const [next] = transition(reportMachine, snapshot, event);
  return next.value as ReportState;
}

/** The events this actor may send now, as far as the machine can tell without the facts. */
export function allowedReportEvents(state: ReportState, actor: ReportActor): ReportEventType[] {
  const at = new Date(0).toISOString();
  const probes: Record<ReportEventType, ReportEvent> = {
    EDIT: { type: 'EDIT', actor, at },
    ISSUE: { type: 'ISSUE', actor, at, partsComplete: true },
    CANCEL: { type: 'CANCEL', actor, at, reason: 'x' },
  };
  return REPORT_EVENT_TYPES.filter((t) => snapshotOf(state).can(probes[t]));
}

/** 409: the report is not at a step that takes this event. */
export function reportEventNotAllowed(state: ReportState, type: ReportEventType): ConflictError {
  return new ConflictError(
    'event_not_allowed',
    `Không thể thực hiện thao tác này khi báo cáo ở bước "${reportStateLabel(state)}".`,
    { state, event: type },
  );
}

/** Whether the state takes the event at all (whoever sends it). */
export const reportStateTakes = (state: ReportState, type: ReportEventType): boolean =>
  type in (reportMachine.states[state].on ?? {});
