import type { Request } from 'express';
import { AppError } from '../http/errors';

/** A form that was refused: messages by field name and the values the user typed (so nothing is lost). */
export interface FormState {
  errors: Record<string, string>;
  values: Record<string, string>;
}

declare module '../auth/session-types' {
  interface SessionData {
    form?: FormState & { path: string };
  }
}

const EMPTY: FormState = { errors: {}, values: {} };

/** Keeps a refused form for the page at `path` (read once, after the redirect). */
export function keepForm(req: Request, path: string, state: FormState): void {
  req.session.form = { path, ...state };
}

/** The refused form kept for this page, if any. */
export function takeForm(req: Request): FormState {
  const form = req.session?.form;
  if (!form) return EMPTY;
  delete req.session.form;
  return form.path === req.path ? { errors: form.errors, values: form.values } : EMPTY;
}

const MISSING_MESSAGES: Record<string, [prefix: string, message: string]> = {
  missingScores: ['points_', 'Chưa chấm điểm tiêu chí này.'],
  failedMandatory: ['points_', 'Tiêu chí bắt buộc chưa đạt.'],
  missingEvidence: ['evidence_', 'Tiêu chí này cần tệp minh chứng.'],
};

/**
 * Field messages out of an application error: `details.fields` (schema errors), and the criteria that a
 * rule names (`missingScores`, `missingEvidence`, `failedMandatory`) as `points_<code>` / `evidence_<code>`.
 * `rename` maps API field paths (e.g. `scores.3.points`) to form names.
 */
export function fieldMessages(err: AppError, rename: (field: string) => string = (f) => f) {
  const out: Record<string, string> = {};
  const details = (err.details ?? {}) as Record<string, unknown>;
  if (Array.isArray(details.fields)) {
    for (const f of details.fields as { field?: unknown; message?: unknown }[]) {
      if (typeof f.field === 'string' && typeof f.message === 'string') out[rename(f.field)] ??= f.message;
    }
  }
  for (const [key, [prefix, message]] of Object.entries(MISSING_MESSAGES)) {
    const codes = details[key];
    if (Array.isArray(codes))
      for (const code of codes) if (typeof code === 'string') out[prefix + code] ??= message;
  }
  return out;
}

/** Errors a form shows to its user (the rest — 401, 403, 404, our own bugs — go to the error page). */
export function isFormError(err: unknown): err is AppError {
  return (
    err instanceof AppError &&
    (err.kind === 'validation' ||
      err.kind === 'rule' ||
      err.kind === 'conflict' ||
      err.kind === 'payload_too_large' ||
      err.kind === 'too_many_requests')
  );
}

/** A single string field of an urlencoded body ('' when missing or repeated). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The fields of an urlencoded body, minus the CSRF token and passwords (what we keep to refill a form);
 * a repeated field (checkboxes) is kept one value a line.
 */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf' || /password/i.test(k)) continue;
    if (typeof v === 'string') out[k] = v.slice(0, 100_000);
    else if (Array.isArray(v))
      out[k] = v
        .filter((x) => typeof x === 'string')
        .join('\n')
        .slice(0, 100_000);
  }
  return out;
}

/** Whether a kept multi-value field holds `value`. */
export const keptHas = (kept: string | undefined, value: string): boolean =>
  (kept ?? '').split('\n').includes(value);

/** An error message beside a field, tied to it for screen readers by id. */
export function errorId(name: string): string {
  return `err-${name.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}
