import { GraphQLError } from 'graphql';
import type { UserErrorCode } from './user-error-codes';

/** Codes a client sees in `extensions.code` for failures that are not in a payload. */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadUserInput = 'BAD_USER_INPUT',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  /** Redis, which holds the job queues, did not answer in time; what the database recorded stays. */
  QueueUnavailable = 'QUEUE_UNAVAILABLE',
  /** PostgreSQL is not reachable; the request may be sent again as it is. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/** Only input errors change the HTTP status; the rest answer 200 with `errors`, as GraphQL clients expect. */
function httpStatus(code: ErrorCode): number | undefined {
  return code === ErrorCode.BadUserInput ? 400 : undefined;
}

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const status = httpStatus(code);
    super(message, { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} was not found`);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.Forbidden, message);
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(message = 'Sign in first') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class BadInputError extends ApiError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(ErrorCode.BadUserInput, message, extra);
  }
}

/**
 * An outcome a person can fix (validation, a rule of the domain, a conflict). Services throw it;
 * mutation boundaries turn it into a `UserError` in the payload and roll the transaction back.
 */
export class UserInputError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
    /** For outcomes that pass with time (a limit on attempts): how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}
