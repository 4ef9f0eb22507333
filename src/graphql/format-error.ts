import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ApiError, ErrorCode } from '../core/errors';
import type { Logger } from '../infra/logger';
import { isDatabaseUnreachable } from '../infra/database';
import { QueueUnavailableError } from '../infra/queue';

export const DATABASE_UNREACHABLE = 'The database is not reachable right now; try again in a moment';

/** A response in which every root field failed because the database was unreachable answers 503, as a whole request that failed. */
export function unavailableStatus(result: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }): number | null {
  const unavailable = result.errors?.some((error) => error.extensions?.code === ErrorCode.ServiceUnavailable) ?? false;
  const nothingAnswered = !result.data || Object.values(result.data).every((value) => value === null);
  return unavailable && nothingAnswered ? 503 : null;
}

/** A service the request needed did not answer: what the client is told, and what is logged (a warning: it is not a bug). */
function unavailableService(error: unknown): { code: ErrorCode; message: string; logged: string } | null {
  if (error instanceof QueueUnavailableError) return { code: ErrorCode.QueueUnavailable, message: 'The job queue is not reachable right now; try again in a moment', logged: 'a job queue did not answer' };
  if (isDatabaseUnreachable(error)) return { code: ErrorCode.ServiceUnavailable, message: DATABASE_UNREACHABLE, logged: 'the database did not answer' };
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

/** Maps every error once: coded errors pass, validation becomes BAD_USER_INPUT, the rest is masked. */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof ArgumentValidationError) {
      const first = firstConstraint(original.extensions.validationErrors);
      return {
        message: first ? `The input is not valid: ${first}` : 'The input is not valid',
        path: formatted.path,
        locations: formatted.locations,
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
    const unavailable = unavailableService(original);
    if (unavailable) {
      log.warn({ err: original, path: formatted.path }, unavailable.logged);
      return { message: unavailable.message, path: formatted.path, locations: formatted.locations, extensions: { code: unavailable.code } };
    }
    // Our typed errors and Apollo's own (parse, document validation) carry a code; an exception that is not a GraphQLError is a bug.
    // Apollo gives every error of a validation rule its own GRAPHQL_VALIDATION_FAILED: one of ours keeps its code (TOO_MANY_FIELDS).
    const own = original instanceof ApiError ? original.extensions : {};
    const code = own.code ?? formatted.extensions?.code;
    const unexpected = original instanceof Error && !(original instanceof GraphQLError);
    if (typeof code === 'string' && code !== ErrorCode.Internal && !unexpected) {
      const { http: _http, stacktrace: _stack, ...extensions } = { ...formatted.extensions, ...own };
      return { ...formatted, extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.Internal },
    };
  };
}
