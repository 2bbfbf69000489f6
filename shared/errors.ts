/**
 * Errors a client can see. Each has an HTTP status, a stable machine `code` and a human message;
 * `functions/api/app.ts` turns them into RFC 9457 problem details. Services throw these and know
 * nothing else about HTTP.
 */
export interface FieldError {
  field: string;
  message: string;
  /** What kind of check failed (zod's issue code: `too_small`, `invalid_format`…), so clients can word it themselves. */
  issue?: string;
  /** The bound a `too_small` or `too_big` check names, and what it counts (`string` length, `number`, `array` items). */
  limit?: number;
  of?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(400, 'VALIDATION_FAILED', message, { errors });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid bearer token is required.') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this.', code = 'FORBIDDEN', extra: Record<string, unknown> = {}) {
    super(403, code, message, extra);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource') {
    super(404, 'NOT_FOUND', `No such ${what}.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'CONFLICT', extra: Record<string, unknown> = {}) {
    super(409, code, message, extra);
  }
}

/** A rule of eligibility is not met; `rule` names it so the applicant knows what to fix. */
export class NotEligibleError extends AppError {
  constructor(rule: string, message: string) {
    super(422, 'NOT_ELIGIBLE', message, { rule });
  }
}

export class UnprocessableError extends AppError {
  constructor(message: string, code = 'UNPROCESSABLE', extra: Record<string, unknown> = {}) {
    super(422, code, message, extra);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(message = 'The resource has changed since you read it; read it again and retry.') {
    super(412, 'PRECONDITION_FAILED', message);
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(message = 'This update needs an If-Match header with the ETag you read.') {
    super(428, 'PRECONDITION_REQUIRED', message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON (Content-Type: application/json).');
  }
}

/** The database is throttling or briefly unavailable: the client may retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends AppError {
  constructor(readonly retryAfterSeconds = 1) {
    super(503, 'SERVICE_UNAVAILABLE', 'The service is busy; retry shortly.', { retryAfterSeconds });
  }
}

/** Too many requests of one kind from one sender (or on one record): retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code = 'TOO_MANY_REQUESTS',
  ) {
    super(429, code, message, { retryAfterSeconds });
  }
}
