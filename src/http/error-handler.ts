import type { ErrorRequestHandler, RequestHandler } from 'express';
import { QueryFailedError } from 'typeorm';
import {
  AppError,
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
  type AppError as AppErrorType,
} from './errors';

/** The limits a refusal names (the upload size is configuration). */
export interface ErrorLimits {
  maxUploadBytes: number;
  maxJsonBytes: number;
}

/** Largest JSON body accepted (express.json), in bytes. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** The limits of this configuration. */
export const errorLimits = (config: { maxUploadBytes: number }): ErrorLimits => ({
  maxUploadBytes: config.maxUploadBytes,
  maxJsonBytes: MAX_JSON_BYTES,
});

const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10}`;

function driverCode(err: QueryFailedError): unknown {
  const e = err as QueryFailedError & { code?: unknown; driverError?: { code?: unknown } };
  return e.driverError?.code ?? e.code;
}

/** A unique index refused a row: two requests raced for the same thing and this one lost. */
function isUniqueViolation(err: QueryFailedError): boolean {
  const code = driverCode(err);
  return code === '23505' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(err.message));
}

/**
 * PostgreSQL refuses text it cannot store (a NUL character, U+0000) or read as the column's type. SQLite
 * stores such text; the input is refused before it reaches either (src/http/input-guard.ts), so this is
 * the last line for anything that slips past.
 */
function isEncodingError(err: QueryFailedError): boolean {
  const code = driverCode(err);
  return code === '22021' || code === '22P05' || code === '22P02';
}

function fromDatabase(err: QueryFailedError): AppError | undefined {
  if (isUniqueViolation(err)) {
    return new ConflictError(
      'concurrent_change',
      'Dữ liệu vừa được thay đổi bởi thao tác khác. Vui lòng thử lại.',
    );
  }
  if (isEncodingError(err)) {
    return new ValidationError('invalid_characters', 'Dữ liệu gửi lên chứa ký tự không hợp lệ.');
  }
  return undefined;
}

/** body-parser and multer errors carry a `type` or `code`: they are the client's doing. */
function fromRequestParsing(err: object, limits: ErrorLimits): AppError | undefined {
  const e = err as { type?: unknown; code?: unknown; status?: unknown };
  if (e.code === 'LIMIT_FILE_SIZE') {
    return new PayloadTooLargeError(
      'payload_too_large',
      `Tệp tải lên vượt quá dung lượng cho phép (tối đa ${megabytes(limits.maxUploadBytes)} MB).`,
      { maxBytes: limits.maxUploadBytes },
    );
  }
  if (e.type === 'entity.too.large') {
    return new PayloadTooLargeError(
      'payload_too_large',
      `Dữ liệu gửi lên vượt quá dung lượng cho phép (tối đa ${megabytes(limits.maxJsonBytes)} MB).`,
      { maxBytes: limits.maxJsonBytes },
    );
  }
  if (e.type === 'entity.parse.failed') {
    return new ValidationError('malformed_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
  }
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    return new ValidationError(
      'malformed_upload',
      'Tệp tải lên không hợp lệ (sai trường hoặc quá nhiều tệp).',
    );
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new ValidationError('bad_request', 'Yêu cầu không hợp lệ.');
  }
  return undefined;
}

/**
 * The one classification of errors: our own AppErrors as they are, library errors that are the client's
 * doing (upload limits, body parsing, unique violations, database encoding errors) as AppErrors, anything
 * else undefined (our fault: a 500). The API and the pages both map through it.
 */
export function classifyError(err: unknown, limits: ErrorLimits): AppErrorType | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof QueryFailedError) return fromDatabase(err);
  if (typeof err !== 'object' || err === null) return undefined;
  return fromRequestParsing(err, limits);
}

/** The HTTP status of each kind of refusal. */
export function statusOf(err: AppErrorType): number {
  switch (err.kind) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'rule':
      return 422;
    case 'too_many_requests':
      return 429;
    default: {
      const unreachable: never = err.kind;
      return unreachable;
    }
  }
}

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Logs an error that is ours (not the client's), revealing nothing of it in the answer. */
export function logInternalError(method: string, url: string, err: unknown): void {
  console.error(`[error] ${method} ${url}`, err);
}

/** The one place that turns errors into `{error: {code, message, details?}}`. */
export function errorHandler(limits: ErrorLimits): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = classifyError(err, limits);
    if (appError) {
      const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
      if (appError.details !== undefined) body.error.details = appError.details;
      res.status(statusOf(appError)).json(body);
      return;
    }
    logInternalError(req.method, req.originalUrl, err);
    res
      .status(500)
      .json({ error: { code: 'internal_error', message: 'Lỗi hệ thống, vui lòng thử lại sau.' } });
  };
}

/** 404 for any route that does not exist. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError('route_not_found', 'Không tìm thấy địa chỉ yêu cầu.'));
};
