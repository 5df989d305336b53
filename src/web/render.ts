import type { Request, Response } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { sessionUserView } from '../auth/session-view';
import { countUnread } from '../notifications/inbox.service';
import type { HtmlValue } from './html';
import { page, type HeaderUser } from './layout';

async function headerUser(ctx: AppContext, req: Request): Promise<HeaderUser> {
  const user = currentUser(req);
  const [view, unread] = await Promise.all([sessionUserView(ctx, user), countUnread(ctx, user)]);
  return {
    user,
    roleLabel: view.roleLabel,
    scopeName: view.unitName ?? view.districtName ?? view.provinceName ?? null,
    unread,
  };
}

export interface RenderOptions {
  title: string;
  section?: string;
  body: HtmlValue;
  status?: number;
}

/** Sends a page for the logged-in user, with the header showing who they are. */
export async function renderPage(ctx: AppContext, req: Request, res: Response, opts: RenderOptions) {
  const who = req.user ? await headerUser(ctx, req) : undefined;
  res
    .status(opts.status ?? 200)
    .type('html')
    .send(page({ req, who, title: opts.title, section: opts.section, body: opts.body }));
}

/**
 * Redirect after a form post (303: the browser follows with GET). The session (flash message, kept form)
 * is stored before the redirect leaves (src/auth/session.ts holds every response's end for that), so the
 * browser's GET finds the message.
 */
export async function seeOther(_req: Request, res: Response, to: string): Promise<void> {
  res.redirect(303, to);
}
