import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { commentAccessLog, handleComment, listComments } from './comments.service';
import { CommentBody, HandlingBody } from './posting.schemas';
import { addComment, currentPostings } from './postings.service';

/** /api/public: the nominees on public posting and the public's comments; no login. */
export function publicPostingRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/postings', async (_req, res) => {
    res.json({ items: await currentPostings(ctx) });
  });
  router.post('/comments', async (req, res) => {
    const body = parseWith(CommentBody, req.body, 'Ý kiến');
    const saved = await addComment(ctx, req.ip ?? 'unknown', body);
    res.status(201).json({ id: saved.id, message: `Đã nhận ý kiến về ${saved.unitName}. Cảm ơn bạn.` });
  });
  return router;
}

/** /api/meetings/:id/comments: the council's secretary reads and handles the comments. */
export function meetingCommentRoutes(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    res.json({
      items: await listComments(ctx, currentUser(req), String((req.params as Record<string, string>).id)),
    });
  });
  router.get('/access-log', async (req, res) => {
    res.json({
      items: await commentAccessLog(ctx, currentUser(req), String((req.params as Record<string, string>).id)),
    });
  });
  router.patch('/:commentId', async (req, res) => {
    const body = parseWith(HandlingBody, req.body, 'Cách xử lý');
    await handleComment(
      ctx,
      currentUser(req),
      String((req.params as Record<string, string>).id),
      String(req.params.commentId),
      body.handling,
    );
    res.status(204).end();
  });
  return router;
}
