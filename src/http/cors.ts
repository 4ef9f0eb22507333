import type { RequestHandler } from 'express';

const ALLOWED_HEADERS = ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'accept-language', 'apollo-require-preflight'].join(', ');
const EXPOSED_HEADERS = ['x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after', 'age'].join(', ');

/**
 * Cross-origin access for browser front ends served from other sites. Credentials travel in the
 * Authorization header, never in cookies, so any origin may call (CSRF prevention still applies).
 */
export function cors(allowedOrigins: string[]): RequestHandler {
  const anyOrigin = allowedOrigins.includes('*');
  return (request, response, next) => {
    const origin = request.header('origin');
    if (origin && (anyOrigin || allowedOrigins.includes(origin))) {
      response.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
      response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (!anyOrigin) response.setHeader('Vary', 'Origin');
    }
    if (request.method !== 'OPTIONS') return next();
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  };
}
