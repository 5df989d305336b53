import type { Request, RequestHandler } from 'express';
import type { CurrentUser } from './current-user';
import { UnauthenticatedError } from '../http/errors';

/** 401 unless someone is logged in. */
export const requireUser: RequestHandler = (req, _res, next) => {
  next(req.user ? undefined : new UnauthenticatedError());
};

/** The logged-in user; throws UnauthenticatedError (401). */
export function currentUser(req: Request): CurrentUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}
