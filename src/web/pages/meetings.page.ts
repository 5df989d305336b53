import fs from 'node:fs';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context';
import { optionalUpload, uploadEvidence } from '../../attachments/attachments.routes';
import { currentUser } from '../../auth/require-user';
import { PURPOSE_LABELS } from '../../councils/council-labels';
import { parseWith } from '../../http/validate';
import { castVote, enterWrittenVote, signIn } from '../../meetings/ballots.service';
import { meetingStep } from '../../meetings/meeting-steps.service';
import { meetingView } from '../../meetings/meeting.view';
import {
  CreateMeetingBody,
  MeetingStepBody,
  VoteBody,
  UpdateMeetingBody,
  WrittenVoteFields,
} from '../../meetings/meeting.schemas';
import {
  createMeeting,
  eligibleDossiers,
  listMeetings,
  updateMeeting,
} from '../../meetings/meetings.service';
import { handleComment, listComments } from '../../postings/comments.service';
import { HandlingBody } from '../../postings/posting.schemas';
import { select, showDateTime } from '../components';
import { field, fieldMessages, formValues, isFormError, keepForm, takeForm } from '../forms';
import { html } from '../html';
import { flash } from '../layout';
import { renderPage, seeOther } from '../render';
import { meetingDetail } from './meeting-detail.html';
import { meetingForm, vnLocalInput } from './meeting-form.html';

const PURPOSES = Object.entries(PURPOSE_LABELS) as [keyof typeof PURPOSE_LABELS, string][];
const purposeOf = (raw: unknown) => (raw === 'award' ? 'award' : 'recognition');
/** A datetime-local value is a time in Việt Nam. */
const vnInstant = (local: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+07:00` : local;

/** Runs a page action; a refusal the user can act on comes back as a message on the meeting page. */
async function act(req: Request, res: Response, to: string, ok: string, work: () => Promise<unknown>) {
  try {
    await work();
    flash(req, 'ok', ok);
  } catch (err) {
    if (!isFormError(err)) throw err;
    flash(req, 'error', err.message);
  }
  await seeOther(req, res, to);
}

/** /meetings: the council's meetings, the secret ballot and the public's comments, as pages. */
export function meetingPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/meetings', async (req, res) => {
    const items = await listMeetings(ctx, currentUser(req));
    await renderPage(ctx, req, res, {
      title: 'Phiên họp Hội đồng',
      section: 'meetings',
      body: html`<h1>Phiên họp Hội đồng</h1>
        <p><a class="button" href="/meetings/new">Chuẩn bị phiên họp mới</a> (Thư ký Hội đồng)</p>
        ${
          items.length
            ? html`<ul class="plain">
                ${items.map(
                  (m) =>
                    html`<li>
                      <a href="/meetings/${m.id}">${m.title}</a> — ${m.councilName} ·
                      ${showDateTime(m.meetingAt)} ·
                      <span class="badge">${m.stateLabel}</span>
                    </li>`,
                )}
              </ul>`
            : html`<p class="empty">Chưa có phiên họp nào.</p>`
        }`,
    });
  });
  router.get('/meetings/new', async (req, res) => {
    const purpose = purposeOf(req.query.purpose);
    const form = takeForm(req);
    const dossiers = await eligibleDossiers(ctx, currentUser(req), purpose);
    await renderPage(ctx, req, res, {
      title: 'Chuẩn bị phiên họp',
      section: 'meetings',
      body: html`<h1>Chuẩn bị phiên họp Hội đồng</h1>
        <form method="get" action="/meetings/new" class="filters">
          ${select('purpose', 'Loại việc', PURPOSES, purpose)}<button type="submit">Chọn</button>
        </form>
        ${meetingForm(req, {
          action: '/meetings',
          purpose,
          values: form.values,
          errors: form.errors,
          choices: dossiers.map((d) => ({ id: d.id, label: `${d.unitName} (${d.code ?? ''}, ${d.year})` })),
          checked: new Set(),
          submit: 'Tạo phiên họp',
        })}`,
    });
  });
  router.post('/meetings', async (req, res) => {
    const raw = req.body as Record<string, unknown>;
    try {
      const body = parseWith(CreateMeetingBody, {
        purpose: field(raw, 'purpose'),
        title: field(raw, 'title'),
        location: field(raw, 'location'),
        meetingAt: vnInstant(field(raw, 'meetingAt')),
        dossierIds: ([] as unknown[]).concat(raw.dossierIds ?? []),
      });
      const meeting = await createMeeting(ctx, currentUser(req), body);
      flash(req, 'ok', 'Đã tạo phiên họp. Khi chương trình đã đủ, bấm "Triệu tập và công khai danh sách".');
      await seeOther(req, res, `/meetings/${meeting.id}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, '/meetings/new', { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, `/meetings/new?purpose=${purposeOf(raw.purpose)}`);
    }
  });
  router.get('/meetings/:id', async (req, res) => {
    const user = currentUser(req);
    const m = await meetingView(ctx, user, req.params.id);
    const list =
      m.me.part === 'secretary' || m.me.part === 'chair' ? await listComments(ctx, user, m.id) : null;
    await renderPage(ctx, req, res, {
      title: m.title,
      section: 'meetings',
      body: meetingDetail(req, m, list),
    });
  });
  router.get('/meetings/:id/edit', async (req, res) => {
    const user = currentUser(req);
    const m = await meetingView(ctx, user, req.params.id);
    const kept = takeForm(req);
    const free = await eligibleDossiers(ctx, user, m.purpose);
    const choices = [
      ...m.items.map((i) => ({ id: i.dossierId, label: i.unitName })),
      ...free.map((d) => ({ id: d.id, label: `${d.unitName} (${d.code ?? ''}, ${d.year})` })),
    ];
    const values = Object.keys(kept.values).length
      ? kept.values
      : { title: m.title, location: m.location, meetingAt: vnLocalInput(m.meetingAt) };
    await renderPage(ctx, req, res, {
      title: 'Sửa phiên họp',
      section: 'meetings',
      body: html`<h1>Sửa phiên họp: ${m.title}</h1>
        ${meetingForm(req, {
          action: `/meetings/${m.id}/edit`,
          purpose: m.purpose,
          values,
          errors: kept.errors,
          choices,
          checked: new Set(m.items.map((i) => i.dossierId)),
          submit: 'Lưu thay đổi',
          version: m.version,
        })}`,
    });
  });
  router.post('/meetings/:id/edit', async (req, res) => {
    const raw = req.body as Record<string, unknown>;
    const id = String(req.params.id);
    try {
      const body = parseWith(UpdateMeetingBody, {
        title: field(raw, 'title'),
        location: field(raw, 'location'),
        meetingAt: vnInstant(field(raw, 'meetingAt')),
        dossierIds: ([] as unknown[]).concat(raw.dossierIds ?? []),
        version: field(raw, 'version'),
      });
      await updateMeeting(ctx, currentUser(req), id, body);
      flash(req, 'ok', 'Đã lưu phiên họp.');
      await seeOther(req, res, `/meetings/${id}`);
    } catch (err) {
      if (!isFormError(err)) throw err;
      keepForm(req, `/meetings/${id}/edit`, { errors: fieldMessages(err), values: formValues(req.body) });
      flash(req, 'error', err.message);
      await seeOther(req, res, `/meetings/${id}/edit`);
    }
  });
  router.post('/meetings/:id/step', async (req, res) => {
    const to = `/meetings/${req.params.id}`;
    await act(req, res, to, 'Đã thực hiện.', () =>
      meetingStep(
        ctx,
        currentUser(req),
        req.params.id,
        parseWith(MeetingStepBody, formValues(req.body), 'Thao tác'),
      ),
    );
  });
  router.post('/meetings/:id/attendance', async (req, res) => {
    await act(req, res, `/meetings/${req.params.id}`, 'Đã điểm danh.', () =>
      signIn(ctx, currentUser(req), req.params.id),
    );
  });
  router.post('/meetings/:id/vote', async (req, res) => {
    await act(
      req,
      res,
      `/meetings/${req.params.id}`,
      'Phiếu của bạn đã được ghi nhận (phiếu kín).',
      async () => {
        const body = parseWith(VoteBody, formValues(req.body), 'Phiếu biểu quyết');
        await castVote(ctx, currentUser(req), req.params.id, body.itemId, body.choice);
      },
    );
  });
  router.post(
    '/meetings/:id/written-votes',
    ...uploadEvidence(ctx, { fields: 210, fieldSize: 1024 }),
    async (req, res) => {
      const id = String(req.params.id);
      try {
        await act(req, res, `/meetings/${id}`, 'Đã nhập phiếu bằng văn bản.', async () => {
          const raw = formValues(req.body);
          const votes = Object.entries(raw)
            .filter(([k]) => k.startsWith('choice_'))
            .map(([k, choice]) => ({ itemId: k.slice('choice_'.length), choice }));
          const fields = parseWith(WrittenVoteFields, {
            attendeeId: raw.attendeeId ?? '',
            votes: JSON.stringify(votes),
          });
          const file = optionalUpload(req);
          await enterWrittenVote(ctx, currentUser(req), id, fields, file);
        });
      } finally {
        if (req.file) await fs.promises.rm(req.file.path, { force: true });
      }
    },
  );
  router.post('/meetings/:id/comments/:commentId', async (req, res) => {
    await act(req, res, `/meetings/${req.params.id}`, 'Đã ghi nhận cách xử lý.', async () => {
      const body = parseWith(HandlingBody, formValues(req.body), 'Cách xử lý');
      await handleComment(ctx, currentUser(req), req.params.id, req.params.commentId, body.handling);
    });
  });
  return router;
}
