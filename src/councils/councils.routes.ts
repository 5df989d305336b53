import { Router } from 'express';
import type { AppContext } from '../app-context';
import { currentUser } from '../auth/require-user';
import { parseWith } from '../http/validate';
import { AddMemberBody, CouncilPurposeParam, CouncilQuery, SaveCouncilBody } from './council.schemas';
import { addMember, listCouncils, removeMember, saveCouncil } from './councils.service';

/** /api/councils: the province's councils, their members and rules (kept by the admin). */
export function councilRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseWith(CouncilQuery, req.query, 'Tham số');
    res.json(await listCouncils(ctx, currentUser(req), query.provinceId));
  });
  router.put('/:purpose', async (req, res) => {
    const purpose = parseWith(CouncilPurposeParam, req.params.purpose, 'Loại Hội đồng');
    const body = parseWith(SaveCouncilBody, req.body, 'Hội đồng');
    res.json(await saveCouncil(ctx, currentUser(req), purpose, body));
  });
  router.post('/:id/members', async (req, res) => {
    const body = parseWith(AddMemberBody, req.body, 'Thành viên');
    res.status(201).json(await addMember(ctx, currentUser(req), req.params.id, body));
  });
  router.delete('/:id/members/:memberId', async (req, res) => {
    await removeMember(ctx, currentUser(req), req.params.id, req.params.memberId);
    res.status(204).end();
  });
  return router;
}
