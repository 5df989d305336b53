import type { ErrorRequestHandler, RequestHandler } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError, ConflictError, NotFoundError, PayloadTooLargeError, ValidationError } from './errors';

/** A unique index refused a row: two requests raced for the same thing and this one lost. */
function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const e = err as QueryFailedError & { code?: unknown; driverError?: { code?: unknown } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(err.message));
}

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

function statusOf(err: AppError): number {
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

/** Errors thrown by body-parser and multer carry a `type` or `code`; they are the client's fault. */
function fromLibraryError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  if (isUniqueViolation(err)) {
    return new ConflictError(
      'concurrent_change',
      'Dữ liệu vừa được thay đổi bởi thao tác khác. Vui lòng thử lại.',
    );
  }
  const e = err as { type?: unknown; code?: unknown; status?: unknown };
  if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE') {
    return new PayloadTooLargeError('payload_too_large', 'Dữ liệu gửi lên vượt quá dung lượng cho phép.');
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

/** The one place that turns errors into `{error: {code, message, details?}}`. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = err instanceof AppError ? err : fromLibraryError(err);
  if (appError) {
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details !== undefined) body.error.details = appError.details;
    res.status(statusOf(appError)).json(body);
    return;
  }
  // Unknown errors are our fault: log them, reveal nothing.
  console.error(`[error] ${req.method} ${req.originalUrl}`, err);
  res.status(500).json({ error: { code: 'internal_error', message: 'Lỗi hệ thống, vui lòng thử lại sau.' } });
};

/** 404 for any route that does not exist. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError('route_not_found', 'Không tìm thấy địa chỉ yêu cầu.'));
};
