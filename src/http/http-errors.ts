import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../core/errors';
import { localeFrom } from '../core/locale';
import { renderRequestMessage, requestMessage, type RequestMessage } from '../core/request-error-messages';
import { isDatabaseUnreachable } from '../infra/database';
import type { Logger } from '../infra/logger';

/** Largest request body, in megabytes (a CSV of a province's units fits). */
export const MAX_BODY_MB = 4;

interface Problem {
  status: number;
  /** Table messages are written in the request's language; the others are a client's bug, told in English. */
  message: string | RequestMessage;
  code: ErrorCode;
}

/** A failure the client can act on: an unusable body (body-parser's `type`), or a database that does not answer. */
function problemOf(error: unknown): Problem | null {
  if (isDatabaseUnreachable(error)) return { status: 503, message: requestMessage('SERVICE_UNAVAILABLE'), code: ErrorCode.ServiceUnavailable };
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not valid JSON', code: ErrorCode.BadUserInput };
    case 'entity.too.large':
      return { status: 413, message: requestMessage('BODY_TOO_LARGE', { maxMb: MAX_BODY_MB }), code: ErrorCode.BadUserInput };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: 'The request body must be UTF-8 JSON', code: ErrorCode.BadUserInput };
    default:
      return null;
  }
}

/**
 * Errors raised before GraphQL runs (an unreadable body, a database that does not answer, a bug in a middleware) answered as
 * GraphQL clients expect: JSON `errors` with a code, never express's HTML page with a stack.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const requestId = response.locals.requestId;
    const problem = problemOf(error);
    if (!problem) log.error({ err: error, requestId }, 'unexpected error outside GraphQL');
    else if (problem.code === ErrorCode.ServiceUnavailable) log.warn({ err: error, requestId }, 'the database did not answer');
    const { status, message, code } = problem ?? { status: 500, message: requestMessage('INTERNAL'), code: ErrorCode.Internal };
    const shown = typeof message === 'string' ? message : renderRequestMessage(message, localeFrom(request.header('accept-language')));
    response.status(status).json({ errors: [{ message: shown, extensions: { code, requestId } }] });
  };
}
