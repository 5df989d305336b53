import { AdminEvent } from './admin-event.entity';
import { AwardProposal } from './award-proposal.entity';
import { Council, CouncilMember } from './council.entity';
import { Meeting, MeetingAttendee, MeetingBallot, MeetingEvent, MeetingItem } from './meeting.entity';
import { CommentAccess, PublicComment } from './public-comment.entity';
import { DecisionEvent } from './decision-event.entity';
import { LegalBasis } from './legal-basis.entity';
import { SigningIdentity, TrustedRoot } from './signing-identity.entity';
import { ProgressReportRecord } from './progress-report.entity';
import { AppSetting } from './app-setting.entity';
import { Attachment } from './attachment.entity';
import { ChangeCounter } from './change-counter.entity';
import { AuditEvent } from './audit-event.entity';
import { CriteriaSet } from './criteria-set.entity';
import { Decision } from './decision.entity';
import { DecisionItem } from './decision-item.entity';
import { NumberSequence } from './number-sequence.entity';
import { Criterion } from './criterion.entity';
import { District } from './district.entity';
import { Dossier } from './dossier.entity';
import { DossierReceipt } from './dossier-receipt.entity';
import { Holiday } from './holiday.entity';
import { LoginThrottle } from './login-throttle.entity';
import { Notification } from './notification.entity';
import { MailMessage } from './mail-message.entity';
import { PasswordReset } from './password-reset.entity';
import { PlanNamedUnit } from './plan-named-unit.entity';
import { PlanTarget } from './plan-target.entity';
import { Plan } from './plan.entity';
import { PlanYear } from './plan-year.entity';
import { Province } from './province.entity';
import { SavedFilter } from './saved-filter.entity';
import { Score } from './score.entity';
import { Session } from './session.entity';
import { Unit } from './unit.entity';
import { User } from './user.entity';

export {
  AdminEvent,
  AwardProposal,
  Council,
  CouncilMember,
  Meeting,
  MeetingAttendee,
  MeetingBallot,
  MeetingEvent,
  MeetingItem,
  CommentAccess,
  PublicComment,
  DecisionEvent,
  LegalBasis,
  SigningIdentity,
  TrustedRoot,
  ProgressReportRecord,
  AppSetting,
  Attachment,
  AuditEvent,
  ChangeCounter,
  CriteriaSet,
  Criterion,
  Decision,
  DecisionItem,
  NumberSequence,
  District,
  Dossier,
  DossierReceipt,
  Holiday,
  LoginThrottle,
  Notification,
  MailMessage,
  PasswordReset,
  PlanNamedUnit,
  PlanTarget,
  Plan,
  PlanYear,
  Province,
  SavedFilter,
  Score,
  Session,
  Unit,
  User,
};

export const ENTITIES = [
  AdminEvent,
  AwardProposal,
  Council,
  CouncilMember,
  Meeting,
  MeetingAttendee,
  MeetingBallot,
  MeetingEvent,
  MeetingItem,
  CommentAccess,
  PublicComment,
  DecisionEvent,
  LegalBasis,
  SigningIdentity,
  TrustedRoot,
  ProgressReportRecord,
  AppSetting,
  Attachment,
  AuditEvent,
  ChangeCounter,
  CriteriaSet,
  Criterion,
  Decision,
  DecisionItem,
  NumberSequence,
  District,
  Dossier,
  DossierReceipt,
  Holiday,
  LoginThrottle,
  Notification,
  MailMessage,
  PasswordReset,
  PlanNamedUnit,
  PlanTarget,
  Plan,
  PlanYear,
  Province,
  SavedFilter,
  Score,
  Session,
  Unit,
  User,
];
