import { awardProposalRoutes } from './dossiers/award-proposal.routes';
import { meetingCommentRoutes, publicPostingRoutes } from './postings/postings.routes';
import { councilRoutes } from './councils/councils.routes';
import { meetingRoutes } from './meetings/meetings.routes';
import express, { type Express } from 'express';
import type { AppContext } from './app-context';
import { accountRoutes, passwordResetRoutes } from './accounts/account.routes';
import { attachmentRoutes } from './attachments/attachments.routes';
import { passwordChangeGate } from './auth/password-gate';
import { createPassport } from './auth/passport';
import { requireUser } from './auth/require-user';
import { sessions } from './auth/session';
import { sessionSecret } from './auth/session-secret';
import { DatabaseSessionStore, SESSION_COOKIE } from './auth/session-store';
import { sessionRoutes } from './auth/session.routes';
import { criteriaRoutes } from './criteria/criteria.routes';
import { readOnlyAccounts } from './auth/read-only';
import { signingRoutes } from './signing/signing.routes';
import { decisionRoutes, legalBasisRoutes, registerRoutes, verifyRoutes } from './decisions/decisions.routes';
import { dossierRoutes } from './dossiers/dossiers.routes';
import { savedFilterRoutes } from './dossiers/saved-filters.routes';
import { MAX_JSON_BYTES, errorHandler, errorLimits, notFoundHandler } from './http/error-handler';
import { csrfProtection } from './http/csrf';
import { inputGuard } from './http/input-guard';
import { securityHeaders } from './http/security-headers';
import { pageForms, webAssets, webRoutes } from './web/web.routes';
import { verifyPages } from './web/pages/verify.page';
import { unitRoutes } from './units/units.routes';
import { deadlineRoutes } from './deadlines/deadlines.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { planRoutes } from './plans/plans.routes';
import { reportRoutes } from './reports/reports.routes';
import { registryRoutes } from './registry/registry.routes';

export { SESSION_COOKIE };

/** TRUST_PROXY as Express takes it: a hop count, true/false, or a list of addresses and subnets. */
function trustProxyValue(value: string): boolean | number | string[] {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
const SESSION_HOURS = 8;

/** Builds the Express application on an open, migrated data source. Does not listen. */
export async function buildApp(ctx: AppContext): Promise<Express> {
  const app = express();
  app.disable('x-powered-by');
  // Every response is `Cache-Control: no-store` (security-headers.ts), so nothing would revalidate with an
  // ETag; computing one hashed every body, PDFs included. Static assets keep theirs (express.static).
  app.set('etag', false);
  // The client's address (per-client login limit) comes from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', trustProxyValue(ctx.config.trustProxy));
  app.use(securityHeaders);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/assets', webAssets());
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.use(express.json({ limit: MAX_JSON_BYTES }));
  const secret = await sessionSecret(ctx.ds, process.env.SESSION_SECRET);
  app.use(
    sessions({
      store: new DatabaseSessionStore(ctx.ds),
      cookieName: SESSION_COOKIE,
      secret,
      maxAgeMs: SESSION_HOURS * 60 * 60 * 1000,
      secureCookie: ctx.config.secureCookies,
    }),
  );
  // Passport only logs in (its local strategy); the session above reads the logged-in user back.
  const passport = createPassport(ctx.ds);
  app.use(pageForms); // before the CSRF check, which reads the token from the form
  app.use(inputGuard);
  app.use(csrfProtection({ secret, secureCookie: ctx.config.secureCookies }));
  app.use(readOnlyAccounts);
  app.use(passwordChangeGate);

  app.use('/api/session', sessionRoutes(ctx, passport));
  app.use('/api/account', accountRoutes(ctx));
  app.use('/api/password-resets', passwordResetRoutes(ctx));
  app.use('/api/verify', verifyRoutes(ctx));
  app.use('/api/registry', registryRoutes(ctx));
  app.use('/api/public', publicPostingRoutes(ctx));
  app.use('/verify', verifyPages(ctx));
  app.use('/api/decisions', signingRoutes(ctx));
  app.use('/api/decisions', decisionRoutes(ctx));
  app.use('/api', registerRoutes(ctx));
  app.use('/api/legal-bases', legalBasisRoutes(ctx));
  const api = express.Router();
  api.use(requireUser);
  // Dossiers first: most requests are for them, and every router mounted before is tried in turn.
  api.use('/dossiers/:id/attachments', attachmentRoutes(ctx));
  api.use('/dossiers', awardProposalRoutes(ctx));
  api.use('/dossiers', dossierRoutes(ctx));
  api.use('/saved-filters', savedFilterRoutes(ctx));
  api.use('/', unitRoutes(ctx));
  api.use('/criteria-sets', criteriaRoutes(ctx));
  api.use('/', deadlineRoutes(ctx));
  api.use('/plans', planRoutes(ctx));
  api.use('/notifications', notificationRoutes(ctx));
  api.use('/reports', reportRoutes(ctx));
  api.use('/councils', councilRoutes(ctx));
  api.use('/meetings/:id/comments', meetingCommentRoutes(ctx));
  api.use('/meetings', meetingRoutes(ctx));
  app.use('/api', api);
  const web = webRoutes(ctx, passport);
  app.use(web.pages);

  app.use(notFoundHandler);
  app.use(web.errors);
  app.use(errorHandler(errorLimits(ctx.config)));
  return app;
}
