import { GraphQLError } from 'graphql';
import { renderRequestMessage, requestMessage, type RequestMessage } from './request-error-messages';
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

/**
 * A whole request refused. Its message is either a table message (`requestMessage`), which the response writes in the
 * request's language (src/graphql/localized-errors.ts), or English text for a client's developer.
 */
export class ApiError extends GraphQLError {
  /** The table message, when there is one; `message` holds its English text for logs. */
  readonly coded: RequestMessage | null;

  constructor(code: ErrorCode, message: string | RequestMessage, extra: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    super(typeof message === 'string' ? message : renderRequestMessage(message, 'en'), { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
    this.coded = typeof message === 'string' ? null : message;
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} was not found`);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message: string | RequestMessage = requestMessage('FORBIDDEN')) {
    super(ErrorCode.Forbidden, message);
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(message: string | RequestMessage = requestMessage('SIGN_IN_REQUIRED'), extra: Record<string, unknown> = {}) {
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
