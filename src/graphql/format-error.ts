import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ApiError, ErrorCode, UserInputError } from '../core/errors';
import { REQUEST_ERROR_MESSAGES } from '../core/request-error-messages';
import { requestLog, type Logger } from '../infra/logger';
import { isDatabaseUnreachable } from '../infra/database';
import { QueueUnavailableError } from '../infra/queue';

/** A response in which every root field failed because the database was unreachable answers 503, as a whole request that failed. */
export function unavailableStatus(result: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }): number | null {
  const unavailable = result.errors?.some((error) => error.extensions?.code === ErrorCode.ServiceUnavailable) ?? false;
  const nothingAnswered = !result.data || Object.values(result.data).every((value) => value === null);
  return unavailable && nothingAnswered ? 503 : null;
}

/** A service the request needed did not answer: what the client is told, and what is logged (a warning: it is not a bug). */
function unavailableService(error: unknown): { code: ErrorCode; message: string; logged: string } | null {
  if (error instanceof QueueUnavailableError) return { code: ErrorCode.QueueUnavailable, message: REQUEST_ERROR_MESSAGES.QUEUE_UNAVAILABLE.en, logged: 'a job queue did not answer' };
  if (isDatabaseUnreachable(error)) return { code: ErrorCode.ServiceUnavailable, message: REQUEST_ERROR_MESSAGES.SERVICE_UNAVAILABLE.en, logged: 'the database did not answer' };
  return null;
}

interface ValidationFailure {
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

/** The first broken rule, however deep in nested inputs, in class-validator's words ("radiusKm must be at most 100"). */
function firstConstraint(failures: ValidationFailure[]): string | null {
  for (const failure of failures) {
    const own = Object.values(failure.constraints ?? {})[0];
    if (own) return own;
    const nested = firstConstraint(failure.children ?? []);
    if (nested) return nested;
  }
  return null;
}

/** Apollo's own refusals of a request (a persisted query of an unknown version or whose hash does not match) carry a 4xx status but no code. */
function refusedRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function formatOne(log: Logger, formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const where = { path: formatted.path, locations: formatted.locations };
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  // class-validator gives an array of failures; anything else (an exception inside a validator) is a bug, masked below.
  if (original instanceof ArgumentValidationError && Array.isArray(original.extensions.validationErrors)) {
    const first = firstConstraint(original.extensions.validationErrors);
    return {
      message: first ? `The input is not valid: ${first}` : 'The input is not valid',
      ...where,
      extensions: {
        code: ErrorCode.BadUserInput,
        validationErrors: original.extensions.validationErrors.map((v) => ({
          property: v.property,
          constraints: v.constraints,
          children: v.children?.map((c) => ({ property: c.property, constraints: c.constraints })),
        })),
      },
    };
  }
  // A rule of the domain broken outside a mutation's payload (a query needing a citizen profile): its own code, as a mutation would give it.
  if (original instanceof UserInputError) {
    return { message: original.message, ...where, extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) } };
  }
  if (refusedRequest(original)) return { message: formatted.message, ...where, extensions: { code: ErrorCode.BadRequest } };
  const unavailable = unavailableService(original);
  if (unavailable) {
    log.warn({ err: original, path: formatted.path }, unavailable.logged);
    return { message: unavailable.message, ...where, extensions: { code: unavailable.code } };
  }
  // Our typed errors and Apollo's own (parse, document validation) carry a code; an exception that is not a GraphQLError is a bug.
  // Apollo gives every error of a validation rule its own GRAPHQL_VALIDATION_FAILED: one of ours keeps its code (TOO_MANY_FIELDS).
  const own = original instanceof ApiError ? original.extensions : {};
  const code = own.code ?? formatted.extensions?.code;
  const unexpected = original instanceof Error && !(original instanceof GraphQLError);
  if (typeof code === 'string' && code !== ErrorCode.Internal && !unexpected) {
    const { http: _http, stacktrace: _stack, ...extensions } = { ...formatted.extensions, ...own };
    return { message: formatted.message, ...where, extensions };
  }
  log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
  return { message: 'Internal server error', ...where, extensions: { code: ErrorCode.Internal } };
}

/**
 * Maps every error once: coded errors pass, validation becomes BAD_USER_INPUT, the rest is masked and logged with the
 * request's id. What leaves never holds a stack or a server path, even when the mapping itself fails.
 */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestLogger = requestLog(log);
    try {
      return formatOne(requestLogger, formatted, error);
    } catch (failure) {
      requestLogger.error({ err: failure, cause: error, path: formatted.path }, 'an error could not be formatted');
      return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.Internal } };
    }
  };
}
