import { GraphQLError } from 'graphql';
import type { UserErrorCode } from './user-error-codes';
import { renderUserErrorMessage, type CodedMessage, type ParamArgs, type ParamValue } from './user-error-messages';

/** Codes a client sees in `extensions.code` for failures that are not in a payload. */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadUserInput = 'BAD_USER_INPUT',
  /** The request itself cannot be run as sent (a persisted query of an unknown version, or whose hash does not match its text). */
  BadRequest = 'BAD_REQUEST',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  /** The query text is longer, or has more tokens, than a document may have; refused before it is parsed. */
  DocumentTooLarge = 'DOCUMENT_TOO_LARGE',
  /** The document expands (fragments spread where they are used) to more fields than a document may have. */
  TooManyFields = 'TOO_MANY_FIELDS',
  /** The operation holds more root mutations, or more costly ones, than one request may. */
  TooManyMutations = 'TOO_MANY_MUTATIONS',
  /** Redis, which holds the job queues, did not answer in time; what the database recorded stays. */
  QueueUnavailable = 'QUEUE_UNAVAILABLE',
  /** PostgreSQL is not reachable; the request may be sent again as it is. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/** Only refused requests change the HTTP status; the rest answer 200 with `errors`, as GraphQL clients expect. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.TooManyFields]: 400,
  [ErrorCode.TooManyMutations]: 400,
  [ErrorCode.DocumentTooLarge]: 413,
};

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
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
  constructor(message = 'Sign in first', extra: Record<string, unknown> = {}) {
    super(ErrorCode.Unauthenticated, message, extra);
  }
}

export class BadInputError extends ApiError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(ErrorCode.BadUserInput, message, extra);
  }
}

/**
 * An outcome a person can fix (validation, a rule of the domain, a conflict). Services throw it
 * with a code and the values its message names; mutation boundaries turn it into a `UserError`
 * in the payload, written in the request's language, and roll the transaction back.
 */
export class UserInputError<C extends UserErrorCode = UserErrorCode> extends Error {
  readonly params: Record<string, ParamValue>;
  /** For outcomes that pass with time (a limit on attempts): how long to wait before trying again. */
  retryAfterSeconds: number | null = null;

  constructor(
    readonly code: C,
    readonly field: string[] | null = null,
    ...params: ParamArgs<C>
  ) {
    const values = params[0] ?? {};
    // The English text, for logs; clients get the message in their own language.
    super(renderUserErrorMessage({ code, params: values }, 'en'));
    this.params = values;
  }

  /** Rethrows a coded outcome kept earlier (a line of a report), whose values were checked when it was made. */
  static of(message: CodedMessage, field: string[] | null = null): UserInputError {
    const error = new UserInputError<UserErrorCode>(message.code, field, ...([message.params] as ParamArgs<UserErrorCode>));
    return error;
  }

  withRetryAfter(seconds: number): this {
    this.retryAfterSeconds = seconds;
    return this;
  }
}
