import type { ErrorRequestHandler } from 'express';
import { isDatabaseUnreachable } from '../infra/database';
import type { Logger } from '../infra/logger';

/** Largest request body, in megabytes (a CSV of a province's units fits). */
export const MAX_BODY_MB = 4;

/** What the JSON body parser says when the body is unusable (body-parser's `type`). */
function bodyProblem(error: unknown): { status: number; message: string } | null {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, message: `The request body is larger than ${MAX_BODY_MB} MB` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: 'The request body must be UTF-8 JSON' };
    default:
      return null;
  }
}

/**
 * Errors raised before GraphQL runs (an unreadable body, a bug in a middleware) answered as
 * GraphQL clients expect: JSON `errors` with a code, never express's HTML page with a stack.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    if (isDatabaseUnreachable(error)) {
      log.warn({ err: error, requestId: response.locals.requestId }, 'the database did not answer');
      response.status(503).json({ errors: [{ message: 'The database is not reachable right now; try again in a moment', extensions: { code: 'SERVICE_UNAVAILABLE', requestId: response.locals.requestId } }] });
      return;
    }
    const problem = bodyProblem(error);
    if (!problem) log.error({ err: error, requestId: response.locals.requestId }, 'unexpected error outside GraphQL');
    const { status, message } = problem ?? { status: 500, message: 'Internal server error' };
    response.status(status).json({
      errors: [{ message, extensions: { code: problem ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR', requestId: response.locals.requestId } }],
    });
  };
}
