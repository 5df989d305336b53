import type { RequestHandler } from 'express';
import { NotFoundError } from '../http/errors';
import { may } from './permissions';

/** What a read-only account may still send: its own session (log out, change its password). */
const OWN_SESSION = [/^\/api\/session(\/|$)/, /^\/api\/account(\/|$)/, /^\/logout$/, /^\/account(\/|$)/];

/**
 * A read-only account (the Ministry's) sees everything and changes nothing: every write it sends is
 * answered as if the route did not exist (404), before any route or service is reached.
 */
export const readOnlyAccounts: RequestHandler = (req, _res, next) => {
  const user = req.user;
  if (!user || may(user, 'data.write') || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  if (OWN_SESSION.some((re) => re.test(req.path))) return next();
  next(new NotFoundError('route_not_found', 'Không tìm thấy chức năng này.'));
};
