import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Decisions1764100000000 } from './1764100000000-decisions';
import { PlansDeadlinesNotifications1764200000000 } from './1764200000000-plans-deadlines-notifications';
import { AdminEvents1764300000000 } from './1764300000000-admin-events';
import { SessionUser1764400000000 } from './1764400000000-session-user';
import { ChangeCounters1764500000000 } from './1764500000000-change-counters';
import { DecisionLifecycle1764600000000 } from './1764600000000-decision-lifecycle';
import { LegalBases1764700000000 } from './1764700000000-legal-bases';
import { DigitalSignatures1764800000000 } from './1764800000000-digital-signatures';
import { IssuedReports1764900000000 } from './1764900000000-issued-reports';
import { ReportingBody1765000000000 } from './1765000000000-reporting-body';
import { DossierCodes1765100000000 } from './1765100000000-dossier-codes';
import { SavedFilters1765200000000 } from './1765200000000-saved-filters';
import { AccountsAndMail1765300000000 } from './1765300000000-accounts-and-mail';
import { CouncilsAndMeetings1765400000000 } from './1765400000000-councils-and-meetings';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Decisions1764100000000,
  PlansDeadlinesNotifications1764200000000,
  AdminEvents1764300000000,
  SessionUser1764400000000,
  ChangeCounters1764500000000,
  DecisionLifecycle1764600000000,
  LegalBases1764700000000,
  DigitalSignatures1764800000000,
  IssuedReports1764900000000,
  ReportingBody1765000000000,
  DossierCodes1765100000000,
  SavedFilters1765200000000,
  AccountsAndMail1765300000000,
  CouncilsAndMeetings1765400000000,
];
