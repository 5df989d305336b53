import type { DossierState } from '../../../machines/dossier.machine';
import type { ManagedBy, Role } from '../../../machines/domain';

export interface HistoryStep {
  type: string;
  from: DossierState | null;
  to: DossierState;
  role: Role;
  reason?: string;
}

const step = (
  type: string,
  from: DossierState | null,
  to: DossierState,
  role: Role,
  reason?: string,
): HistoryStep => ({
  type,
  from,
  to,
  role,
  ...(reason ? { reason } : {}),
});

/**
 * The events that bring a dossier to `state` along the machine's own paths (api.md's table), with a
 * return and resubmission when `withReturn`. Province-managed dossiers skip district review.
 */
export function historyTo(state: DossierState, managedBy: ManagedBy, withReturn: boolean): HistoryStep[] {
  const firstReview: DossierState = managedBy === 'district' ? 'district_review' : 'provincial_appraisal';
  const steps: HistoryStep[] = [step('CREATE', null, 'nominated', 'unit_officer')];
  const reach = (target: DossierState): boolean => {
    const order: DossierState[] = [
      'self_assessment',
      firstReview,
      'provincial_appraisal',
      'awaiting_decision',
      'recognized',
      'award_proposed',
      'awarded',
    ];
    const path = order.filter((s, i) => order.indexOf(s) === i);
    for (const next of path) {
      const last = steps[steps.length - 1].to;
      if (last === target) return true;
      if (next === last) continue;
      if (next === 'self_assessment') steps.push(step('START', last, next, 'unit_officer'));
      else if (next === firstReview && last === 'self_assessment') {
        steps.push(step('SUBMIT', last, next, 'unit_officer'));
        if (withReturn) {
          const reviewer: Role = managedBy === 'district' ? 'district_reviewer' : 'provincial_appraiser';
          steps.push(step('RETURN', next, 'self_assessment', reviewer, 'Bổ sung biên bản và minh chứng'));
          steps.push(step('SUBMIT', 'self_assessment', next, 'unit_officer'));
        }
      } else if (next === 'provincial_appraisal')
        steps.push(step('FORWARD', last, next, 'district_reviewer'));
      else if (next === 'awaiting_decision') steps.push(step('PASS', last, next, 'provincial_appraiser'));
      else if (next === 'recognized') steps.push(step('RECOGNIZE', last, next, 'internal_affairs_officer'));
      else if (next === 'award_proposed')
        steps.push(step('PROPOSE_AWARD', last, next, 'provincial_appraiser'));
      else if (next === 'awarded') steps.push(step('AWARD', last, next, 'internal_affairs_officer'));
    }
    return steps[steps.length - 1].to === target;
  };
  switch (state) {
    case 'withdrawn':
      reach('self_assessment');
      steps.push(step('WITHDRAW', 'self_assessment', 'withdrawn', 'unit_officer'));
      break;
    case 'rejected':
      reach(firstReview);
      steps.push(
        step(
          'REJECT',
          firstReview,
          'rejected',
          managedBy === 'district' ? 'district_reviewer' : 'provincial_appraiser',
          'Không đạt tiêu chí bắt buộc',
        ),
      );
      break;
    case 'revoked':
      reach('recognized');
      steps.push(
        step(
          'REVOKE',
          'recognized',
          'revoked',
          'internal_affairs_officer',
          'Để xảy ra vụ việc nghiêm trọng về an ninh, trật tự',
        ),
      );
      break;
    case 'nominated':
    case 'self_assessment':
    case 'district_review':
    case 'provincial_appraisal':
    case 'awaiting_decision':
    case 'recognized':
    case 'award_proposed':
    case 'awarded':
      if (!reach(state)) throw new Error(`no path to ${state} for ${managedBy}`);
      break;
    default: {
      const unreachable: never = state;
      throw new Error(`unknown state ${String(unreachable)}`);
    }
  }
  return steps;
}

/** How a national year's dossiers are spread over the states (product assumption for load testing). */
export const STATE_WEIGHTS: [DossierState, number][] = [
  ['nominated', 5],
  ['self_assessment', 15],
  ['district_review', 8],
  ['provincial_appraisal', 10],
  ['awaiting_decision', 5],
  ['recognized', 34],
  ['award_proposed', 3],
  ['awarded', 6],
  ['rejected', 6],
  ['withdrawn', 6],
  ['revoked', 2],
];
