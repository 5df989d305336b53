import path from 'node:path';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { PassportStatic } from 'passport';
import type { AppContext } from '../app-context';
import { may } from '../auth/permissions';
import { ForbiddenError } from '../http/errors';
import { errorLimits } from '../http/error-handler';
import { webErrorHandler } from './error-page';
import { adminAuditPages } from './pages/admin-audit.page';
import { adminHolidayPages } from './pages/admin-holidays.page';
import { adminMailPages } from './pages/admin-mail.page';
import { adminCriteriaPages } from './pages/admin-criteria.page';
import { adminCriteriaImportPages } from './pages/admin-criteria-import.page';
import { adminUnitPages } from './pages/admin-units.page';
import { adminUnitImportPages } from './pages/admin-units-import.page';
import { adminUnitEditPages } from './pages/admin-unit-edit.page';
import { adminUserPages } from './pages/admin-users.page';
import { decisionFilePages } from './pages/decision-files.page';
import { decisionPages } from './pages/decisions.page';
import { registerPages } from './pages/register.page';
import { adminLegalBasisPages } from './pages/admin-legal-bases.page';
import { dossierListPages } from './pages/dossier-list.page';
import { bulkPages } from './pages/dossier-bulk.page';
import { savedFilterPages } from './pages/saved-filters.page';
import { dossierPages } from './pages/dossier.page';
import { loginPages } from './pages/login.page';
import { accountPages } from './pages/account.page';
import { helpPages } from './pages/help.page';
import { registryPages } from './pages/registry.page';
import { nomineePages } from './pages/nominees.page';
import { meetingPages } from './pages/meetings.page';
import { awardDossierPages } from './pages/award-dossier.page';
import { adminCouncilPages } from './pages/admin-councils.page';
import { passwordResetPages } from './pages/password-reset.page';
import { notificationPages } from './pages/notifications.page';
import { reportPages } from './pages/reports.page';
import { issuedReportPages } from './pages/issued-reports.page';
import { planPages } from './pages/plans.page';
import { planFormPages } from './pages/plan-forms.page';

/** Pages need a login: a visitor is sent to the login page and brought back afterwards. */
const requirePageUser: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET') return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  res.redirect(303, '/login');
};

const requireAdmin: RequestHandler = (req, _res, next) => {
  next(
    req.user && may(req.user, 'admin.manage')
      ? undefined
      : new ForbiddenError('forbidden', 'Chỉ quản trị viên được vào trang này.'),
  );
};

const urlencoded = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 });
/** Parses the pages' urlencoded forms (the JSON API takes JSON only). */
export const pageForms: RequestHandler = (req, res, next) =>
  req.path.startsWith('/api/') ? next() : urlencoded(req, res, next);

/** Static files of the pages: one stylesheet and one script (the CSP allows nothing inline). */
export const webAssets = (): RequestHandler =>
  express.static(path.join(__dirname, 'assets'), { index: false, maxAge: '1h', fallthrough: true });

/** The server-rendered pages for the five roles (the public verification page lives with decisions). */
export function webRoutes(
  ctx: AppContext,
  passport: PassportStatic,
): { pages: Router; errors: ErrorRequestHandler } {
  const pages = Router();
  pages.use(loginPages(ctx, passport));
  pages.use(passwordResetPages(ctx));
  pages.use(helpPages(ctx));
  pages.use(registryPages(ctx));
  pages.use(nomineePages(ctx));
  pages.use(requirePageUser);
  pages.use(accountPages(ctx));
  pages.use(dossierListPages(ctx));
  pages.use(bulkPages(ctx));
  pages.use(savedFilterPages(ctx));
  pages.use(awardDossierPages(ctx));
  pages.use(dossierPages(ctx));
  pages.use(decisionPages(ctx));
  pages.use(decisionFilePages(ctx));
  pages.use(registerPages(ctx));
  pages.use(reportPages(ctx));
  pages.use(issuedReportPages(ctx));
  pages.use(planFormPages(ctx)); // before /plans/:id, which would take /plans/new
  pages.use(planPages(ctx));
  pages.use(notificationPages(ctx));
  pages.use(meetingPages(ctx));
  pages.use('/admin', requireAdmin);
  pages.use(adminUserPages(ctx));
  pages.use(adminUnitPages(ctx));
  pages.use(adminUnitImportPages(ctx));
  pages.use(adminUnitEditPages(ctx));
  pages.use(adminCriteriaImportPages(ctx)); // before /admin/criteria/:id
  pages.use(adminCriteriaPages(ctx));
  pages.use(adminAuditPages(ctx));
  pages.use(adminHolidayPages(ctx));
  pages.use(adminMailPages(ctx));
  pages.use(adminLegalBasisPages(ctx));
  pages.use(adminCouncilPages(ctx));
  return { pages, errors: webErrorHandler(ctx, errorLimits(ctx.config)) };
}
