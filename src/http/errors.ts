/** The one error vocabulary of the application; `src/http/error-handler.ts` maps it to HTTP. */
export abstract class AppError extends Error {
  abstract readonly kind:
    | 'validation'
    | 'unauthenticated'
    | 'forbidden'
    | 'not_found'
    | 'conflict'
    | 'payload_too_large'
    | 'rule'
    | 'too_many_requests';

  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed. */
export class ValidationError extends AppError {
  readonly kind = 'validation';
}
/** 401: not logged in. */
export class UnauthenticatedError extends AppError {
  readonly kind = 'unauthenticated';
  constructor(message = 'Bạn cần đăng nhập để tiếp tục.', code = 'unauthenticated') {
    super(code, message);
  }
}
/** 403: logged in, but this user may not do this. */
export class ForbiddenError extends AppError {
  readonly kind = 'forbidden';
}
/** 404: unknown, or outside the user's jurisdiction (which must not be revealed). */
export class NotFoundError extends AppError {
  readonly kind = 'not_found';
}
/** 409: wrong state or stale version. */
export class ConflictError extends AppError {
  readonly kind = 'conflict';
}
/** 413: upload too large. */
export class PayloadTooLargeError extends AppError {
  readonly kind = 'payload_too_large';
}
/** 422: a valid request that a business rule refuses; `details` says what is missing. */
export class RuleError extends AppError {
  readonly kind = 'rule';
}
/** 429: too many attempts (e.g. failed logins); `details.retryAfterSeconds` says when to try again. */
export class TooManyRequestsError extends AppError {
  readonly kind = 'too_many_requests';
}

/** 422 for one field: its code and message, also under `details.fields` for the form to show beside it. */
export function fieldRuleError(
  field: string,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return new RuleError(code, message, { fields: [{ field, code, message }], ...extra });
}
