import type { User } from '../../entities';

/** What a session holds; capabilities add their own fields (`declare module '../auth/session-types'`). */
export interface SessionData {
  /** The logged-in user's id. */
  userId?: string;
  /** Sessions stored before 2026-12 name their user as passport's session support wrote it. */
  passport?: { user?: string };
}

/** A stored session as a request starts from it. */
export interface StoredSession {
  data: SessionData;
  /** The JSON of `data` as the request found it (a request saves only when its session differs). */
  json: string;
  /** The row of the user the session is logged in as; null when it names none or that user is gone. */
  user: User | null;
}

/** The user a session's data names, whatever release wrote it. */
export function sessionUserIdOf(data: SessionData): string | null {
  const id = data.userId ?? data.passport?.user;
  return typeof id === 'string' ? id : null;
}

/** The same from stored JSON (the `userId` column is kept beside the data for the session query's join). */
export function sessionUserIdOfJson(json: string): string | null {
  try {
    return sessionUserIdOf(JSON.parse(json) as SessionData);
  } catch {
    return null;
  }
}
