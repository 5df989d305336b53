import fs from 'node:fs';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { optionalUpload, uploadEvidence } from '../attachments/attachments.routes';
import { currentUser } from '../auth/require-user';
import { CouncilPurposeParam } from '../councils/council.schemas';
import { contentDisposition } from '../http/downloads';
import { parseWith } from '../http/validate';
import { castVote, enterWrittenVote, signIn } from './ballots.service';
import { getMeetingForUser } from './meeting-access';
import { meetingHistory } from './meeting-log';
import { meetingStep } from './meeting-steps.service';
import { meetingView } from './meeting.view';
import {
  CreateMeetingBody,
  MeetingListQuery,
  MeetingStepBody,
  UpdateMeetingBody,
  VoteBody,
  WrittenVoteFields,
} from './meeting.schemas';
import { createMeeting, eligibleDossiers, listMeetings, updateMeeting } from './meetings.service';
import { getMinutes } from './minutes.service';

/** /api/meetings: council meetings, their attendance, secret ballots and minutes. */
export function meetingRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseWith(MeetingListQuery, req.query, 'Tham số');
    res.json({ items: await listMeetings(ctx, currentUser(req), query.purpose) });
  });
  router.get('/eligible/:purpose', async (req, res) => {
    const purpose = parseWith(CouncilPurposeParam, req.params.purpose, 'Loại Hội đồng');
    res.json({ items: await eligibleDossiers(ctx, currentUser(req), purpose) });
  });
  router.post('/', async (req, res) => {
    const body = parseWith(CreateMeetingBody, req.body, 'Phiên họp');
    const meeting = await createMeeting(ctx, currentUser(req), body);
    res.status(201).json(await meetingView(ctx, currentUser(req), meeting.id));
  });
  router.get('/:id', async (req, res) => {
    res.json(await meetingView(ctx, currentUser(req), req.params.id));
  });
  router.put('/:id', async (req, res) => {
    const body = parseWith(UpdateMeetingBody, req.body, 'Phiên họp');
    await updateMeeting(ctx, currentUser(req), req.params.id, body);
    res.json(await meetingView(ctx, currentUser(req), req.params.id));
  });
  router.get('/:id/events', async (req, res) => {
    const { meeting } = await getMeetingForUser(ctx.ds.manager, currentUser(req), req.params.id);
    res.json({ items: await meetingHistory(ctx.ds.manager, meeting.id) });
  });
  router.post('/:id/events', async (req, res) => {
    const body = parseWith(MeetingStepBody, req.body, 'Thao tác');
    await meetingStep(ctx, currentUser(req), req.params.id, body);
    res.json(await meetingView(ctx, currentUser(req), req.params.id));
  });
  router.post('/:id/attendance', async (req, res) => {
    await signIn(ctx, currentUser(req), req.params.id);
    res.json(await meetingView(ctx, currentUser(req), req.params.id));
  });
  router.post('/:id/votes', async (req, res) => {
    const body = parseWith(VoteBody, req.body, 'Phiếu biểu quyết');
    const { closed } = await castVote(ctx, currentUser(req), req.params.id, body.itemId, body.choice);
    // The answer says only that the ballot was counted, never the choice.
    res.status(201).json({ counted: true, meetingClosed: closed });
  });
  router.post(
    '/:id/written-votes',
    ...uploadEvidence(ctx, { fields: 5, fieldSize: 20_000 }),
    async (req, res) => {
      try {
        const fields = parseWith(WrittenVoteFields, req.body, 'Phiếu bằng văn bản');
        const { closed } = await enterWrittenVote(
          ctx,
          currentUser(req),
          req.params.id as string,
          fields,
          optionalUpload(req),
        );
        res.status(201).json({ counted: true, meetingClosed: closed });
      } finally {
        if (req.file) await fs.promises.rm(req.file.path, { force: true });
      }
    },
  );
  router.get('/:id/minutes.pdf', async (req, res, next) => {
    const minutes = await getMinutes(ctx, currentUser(req), req.params.id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition('inline', minutes.fileName));
    fs.createReadStream(minutes.fullPath).on('error', next).pipe(res);
  });
  return router;
}
