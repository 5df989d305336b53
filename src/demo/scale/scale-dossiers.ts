import type { DossierState } from '../../../machines/dossier.machine';
import { DOSSIER_MACHINE_VERSION } from '../../../machines/dossier.machine';
import type { ManagedBy } from '../../../machines/domain';
import type { AuditEvent, Dossier, PlanYear, Unit } from '../../../entities';
import { hashAuditEvent } from '../../audit/audit.service';
import { addWorkingDays, endOfVnDay } from '../../calendar/time';
import { newId } from '../../db/ids';
import { stageBudget } from '../../dossiers/dossier-rules';
import { historyTo, STATE_WEIGHTS } from './histories';

/** `count` distinct units chosen at random (a partial Fisher–Yates shuffle). */
export function sample(units: Unit[], count: number, next: () => number): Unit[] {
  const pool = [...units];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

function pickState(next: () => number, managedBy: ManagedBy): DossierState {
  const total = STATE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = next() * total;
  for (const [state, w] of STATE_WEIGHTS) {
    r -= w;
    if (r < 0)
      return state === 'district_review' && managedBy === 'province' ? 'provincial_appraisal' : state;
  }
  return 'recognized';
}

const ROLE_USER: Record<string, string> = {
  unit_officer: 'scale.donvi',
  district_reviewer: 'scale.huyen',
  provincial_appraiser: 'scale.tinh',
  internal_affairs_officer: 'scale.noivu',
};

/** One dossier with its audit trail (hash-chained like the live service writes it). */
export function makeDossier(
  unit: Unit,
  year: number,
  planYear: PlanYear,
  criteriaSetId: string,
  next: () => number,
): { dossier: Dossier; events: AuditEvent[] } {
  const state = pickState(next, unit.managedBy);
  const steps = historyTo(state, unit.managedBy, next() < 0.12);
  let t = Date.parse(`${year}-01-05T02:00:00Z`) + Math.floor(next() * 150) * 86_400_000;
  const events: AuditEvent[] = [];
  const dossierId = newId();
  let prevHash: string | null = null;
  steps.forEach((s, i) => {
    t += (1 + Math.floor(next() * 9)) * 86_400_000 + Math.floor(next() * 28_800_000);
    const e = {
      id: newId(),
      dossierId,
      seq: i + 1,
      at: new Date(t).toISOString(),
      actorId: null,
      actorUsername: ROLE_USER[s.role] ?? 'scale',
      actorRole: s.role,
      type: s.type,
      fromState: s.from,
      toState: s.to,
      reason: s.reason ?? null,
      details: null,
      prevHash,
    } as Omit<AuditEvent, 'hash'>;
    const hash = hashAuditEvent(e);
    events.push({ ...e, hash } as AuditEvent);
    prevHash = hash;
  });
  const last = events[events.length - 1];
  const submitted = events.find((e) => e.type === 'SUBMIT');
  const days = stageBudget(state)?.workingDays;
  const deadline = endOfVnDay(planYear.submissionDeadline);
  const dueAt =
    state === 'nominated' || state === 'self_assessment'
      ? deadline
      : days
        ? endOfVnDay(addWorkingDays(last.at.slice(0, 10), days, new Set()))
        : null;
  const dossier = {
    id: dossierId,
    unitId: unit.id,
    provinceId: unit.provinceId,
    districtId: unit.districtId,
    unitType: unit.type,
    year,
    state,
    version: events.length,
    machineVersion: DOSSIER_MACHINE_VERSION,
    snapshot: {
      value: state,
      context: { managedBy: unit.managedBy, submissionDeadline: deadline, returnRequest: null },
    },
    criteriaSetId,
    planYearId: planYear.id,
    report: null,
    stageEnteredAt: last.at,
    dueAt,
    submittedAt: submitted?.at ?? null,
    stageDaysUsed: {},
    createdById: ROLE_USER.unit_officer,
    createdAt: events[0].at,
    updatedAt: last.at,
  } as Dossier;
  return { dossier, events };
}
