import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context';
import { addAttachment, removeAttachment } from '../../attachments/attachments.service';
import { uploadEvidence, uploadedFile } from '../../attachments/attachments.routes';
import { discardUpload } from '../../attachments/attachment-files';
import { currentUser } from '../../auth/require-user';
import type { CurrentUser } from '../../auth/current-user';
import { sendDossierEvent } from '../../dossiers/dossier-events.service';
import {
  DossierEventBody,
  EVENTS_WITH_REASON,
  ExtensionBody,
  ReviewScoresBody,
  SelfAssessmentBody,
} from '../../dossiers/dossier.schemas';
import { getDossierView, type DossierView } from '../../dossiers/dossier.view';
import { getDossierHistory } from '../../dossiers/history.service';
import { EVENT_LABELS } from '../../dossiers/labels';
import { saveReviewScores, saveSelfAssessment } from '../../dossiers/scores.service';
import { ValidationError } from '../../http/errors';
import { parseWith } from '../../http/validate';
import { field, fieldMessages, formValues, isFormError, keepForm, takeForm } from '../forms';
import { html } from '../html';
import { flash } from '../layout';
import { renderPage, seeOther } from '../render';
import { awardDossierCard } from './award-dossier.html';
import { evidenceList, scoresForm, stepIndicator, uploadControls, detachedForms } from './dossier.html';
import { summary } from './dossier-facts.html';
import { eventButtons, extensionForm, outcomeNotice, returnNotice, timeline } from './dossier-actions.html';
import { returnChangesCard } from './return-changes.html';
import { changesSinceReturn } from '../../dossiers/return-changes.service';
import { grantExtension } from '../../dossiers/extension.service';

type ScoreEntry = { criterionCode: string; points: number; note: string | null };

/** Reads `points_<code>` / `note_<code>` fields; blank points are left unscored. Field errors by form name. */
function scoresFromForm(d: DossierView, body: unknown): ScoreEntry[] {
  const errors: Record<string, string> = {};
  const scores: ScoreEntry[] = [];
  for (const c of d.criteriaSet.items) {
    const text = field(body, `points_${c.code}`).trim();
    if (text === '') continue;
    const points = Number(text);
    if (!Number.isInteger(points) || points < 0 || points > c.maxPoints) {
      errors[`points_${c.code}`] = `Nhập số nguyên từ 0 đến ${c.maxPoints}.`;
      continue;
    }
    scores.push({ criterionCode: c.code, points, note: field(body, `note_${c.code}`).trim() || null });
  }
  if (Object.keys(errors).length) {
    throw new ValidationError('invalid_scores', 'Điểm chấm không hợp lệ.', {
      fields: Object.entries(errors).map(([f, message]) => ({ field: f, code: 'invalid', message })),
    });
  }
  return scores;
}

/** `scores.3.points` (API path) → `points_<code>` (form name). */
const renameScoreField = (scores: () => ScoreEntry[]) => (f: string) => {
  const m = /^scores\.(\d+)\.(points|note|criterionCode)$/.exec(f);
  const code = m ? scores()[Number(m[1])]?.criterionCode : undefined;
  return m && code ? `${m[2] === 'note' ? 'note' : 'points'}_${code}` : f;
};

/** Runs a form action; a refused form goes back to the dossier with its messages and values kept. */
async function formAction(
  req: Request,
  res: Response,
  work: () => Promise<string>,
  rename?: (f: string) => string,
) {
  const back = `/dossiers/${req.params.id}`;
  try {
    flash(req, 'ok', await work());
  } catch (err) {
    if (!isFormError(err)) throw err;
    keepForm(req, back, { errors: fieldMessages(err, rename), values: formValues(req.body) });
    flash(req, 'error', err.message);
  }
  await seeOther(req, res, back);
}

/** /dossiers/:id and its forms. */
export function dossierPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/dossiers/:id', async (req, res) => {
    const user = currentUser(req);
    const d = await getDossierView(ctx, user, req.params.id);
    const history = await getDossierHistory(ctx, user, d.id);
    const changes = await changesSinceReturn(ctx, user, d.id);
    const form = takeForm(req);
    await renderPage(ctx, req, res, {
      title: `${d.unit.name} — ${d.year}`,
      section: 'dossiers',
      body: html`<h1>${d.unit.name} <small>năm ${d.year}</small></h1>
        ${stepIndicator(d)} ${returnNotice(d)} ${outcomeNotice(d, history)} ${returnChangesCard(changes)}
        <div class="columns">
          <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">Thông tin hồ sơ</h2>
            ${summary(d)}
          </section>
          <section class="card" aria-labelledby="act-title">
            <h2 id="act-title">Thao tác</h2>
            ${eventButtons(d, req, form)} ${extensionForm(d, req, form)}
          </section>
        </div>
        ${awardDossierCard(d, req)}
        <section aria-labelledby="scores-title">
          <h2 id="scores-title">Tiêu chí và điểm</h2>
          ${scoresForm(d, req, form, ctx.config.maxUploadBytes)}
        </section>
        ${
          d.editable.evidence
            ? html`<section class="card" aria-labelledby="other-files">
                <h2 id="other-files">Tài liệu chung của hồ sơ</h2>
                ${evidenceList(d, null, true)} ${uploadControls(d, null, ctx.config.maxUploadBytes)}
              </section>`
            : ''
        }
        <section class="card" aria-labelledby="hist-title">
          <h2 id="hist-title">Lịch sử xử lý</h2>
          ${timeline(history)}
        </section>
        ${detachedForms(d, req, d.editable.evidence)}`,
    });
  });

  /** The two score forms differ only in what they save: the unit's own scores or this reviewer's. */
  const scoreForm = (
    save: (user: CurrentUser, id: string, scores: ScoreEntry[], body: unknown) => Promise<string>,
  ) =>
    async function saveScores(req: Request, res: Response) {
      const user = currentUser(req);
      const d = await getDossierView(ctx, user, String(req.params.id));
      let scores: ScoreEntry[] = [];
      await formAction(
        req,
        res,
        async () => {
          scores = scoresFromForm(d, req.body);
          return save(user, d.id, scores, req.body);
        },
        renameScoreField(() => scores),
      );
    };
  const version = (body: unknown) => Number(field(body, 'version'));
  router.post(
    '/dossiers/:id/self-assessment',
    scoreForm(async (user, id, scores, body) => {
      const input = { scores, report: field(body, 'report'), version: version(body) };
      await saveSelfAssessment(ctx, user, id, parseWith(SelfAssessmentBody, input, 'Bảng tự chấm điểm'));
      return 'Đã lưu bảng tự chấm điểm.';
    }),
  );
  router.post(
    '/dossiers/:id/review-scores',
    scoreForm(async (user, id, scores, body) => {
      const input = { scores, version: version(body) };
      await saveReviewScores(ctx, user, id, parseWith(ReviewScoresBody, input, 'Bảng chấm điểm'));
      return 'Đã lưu điểm thẩm định.';
    }),
  );

  router.post('/dossiers/:id/events', async (req, res) => {
    const user = currentUser(req);
    const raw = req.body as Record<string, unknown>;
    const criteria = ([] as unknown[])
      .concat(raw.criteria ?? [])
      .filter((c): c is string => typeof c === 'string');
    await formAction(req, res, async () => {
      const type = field(raw, 'type');
      // The reason and the criteria go only with the events whose schema takes them.
      const withReason = (EVENTS_WITH_REASON as ReadonlySet<string>).has(type);
      const body = parseWith(
        DossierEventBody,
        {
          type,
          version: Number(field(raw, 'version')),
          ...(withReason ? { reason: field(raw, 'reason') } : {}),
          ...(type === 'RETURN' && criteria.length
            ? {
                criteria: criteria.map((code) => {
                  const note = field(raw, `critnote_${code}`).trim();
                  return note ? { code, note } : { code };
                }),
              }
            : {}),
        },
        'Thao tác',
      );
      await sendDossierEvent(ctx, user, req.params.id, body);
      // A submission is acknowledged: the receipt is one click away in the facts above.
      const receipt = body.type === 'SUBMIT' ? ' Phiếu tiếp nhận có trong mục "Tài liệu".' : '';
      return `Đã thực hiện: ${EVENT_LABELS[body.type]}.${receipt}`;
    });
  });

  router.post('/dossiers/:id/extension', async (req, res) => {
    const user = currentUser(req);
    await formAction(req, res, async () => {
      const input = {
        until: field(req.body, 'until'),
        reason: field(req.body, 'reason').trim(),
        version: Number(field(req.body, 'version')),
      };
      await grantExtension(ctx, user, String(req.params.id), parseWith(ExtensionBody, input, 'Gia hạn'));
      return `Đã gia hạn nộp hồ sơ đến ${input.until.split('-').reverse().join('/')}.`;
    });
  });

  // Without script the upload form posts here; with script app.js posts to the API and shows progress.
  router.post('/dossiers/:id/attachments', ...uploadEvidence(ctx), async (req, res) => {
    const user = currentUser(req);
    await formAction(req, res, async () => {
      try {
        const file = uploadedFile(req);
        const code = field(req.body, 'criterionCode') || undefined;
        await addAttachment(ctx, user, String(req.params.id), file, code);
        return `Đã tải lên ${file.originalName}.`;
      } finally {
        await discardUpload(req.file?.path); // gone already when the service took it
      }
    });
  });

  router.post('/dossiers/:id/attachments/:attachmentId/delete', async (req, res) => {
    const user = currentUser(req);
    await formAction(req, res, async () => {
      const params = req.params as { id: string; attachmentId: string };
      await removeAttachment(ctx, user, params.id, params.attachmentId);
      return 'Đã gỡ tệp minh chứng.';
    });
  });
  return router;
}
