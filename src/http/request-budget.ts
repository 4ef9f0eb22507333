import { HeaderMap, type BaseContext } from '@apollo/server';
import type { Response } from 'express';
import { ApiError, ErrorCode } from '../core/errors';
import { localeFrom } from '../core/locale';
import { requestMessage } from '../core/request-error-messages';
import { answeredOutsideGraphql } from '../graphql/localized-errors';
import type { ChargeCostlyCalls } from '../graphql/limits';
import type { RateLimiter, RateLimitState } from '../infra/rate-limit';

/** Whose budget a request spends, and how many requests a minute it holds. */
export interface BudgetOwner {
  key: string;
  limit: number;
}

/** What every answer says of the budget; a refused one also when to come back. */
function budgetHeaders(state: RateLimitState): [string, string][] {
  const headers: [string, string][] = [
    ['RateLimit-Limit', String(state.limit)],
    ['RateLimit-Remaining', String(state.remaining)],
    ['RateLimit-Reset', String(state.resetSeconds)],
  ];
  return state.allowed ? headers : [...headers, ['Retry-After', String(state.resetSeconds)]];
}

/** RATE_LIMITED for a budget spent, saying when to come back; `http` for an answer through Apollo. */
export function rateLimitedError(state: RateLimitState, http?: { status: number; headers: HeaderMap }): ApiError {
  return new ApiError(ErrorCode.RateLimited, requestMessage('RATE_LIMITED', { limit: state.limit, seconds: state.resetSeconds }), {
    retryAfterSeconds: state.resetSeconds,
    ...(http ? { http } : {}),
  });
}

/** Spends one unit of the owner's budget for the request; false when it answered 429 RATE_LIMITED instead. */
export async function spendRequest(limiter: RateLimiter, owner: BudgetOwner, response: Response): Promise<boolean> {
  const state = await limiter.hit(owner.key, owner.limit, 1);
  if (!state) return true;
  for (const [name, value] of budgetHeaders(state)) response.setHeader(name, value);
  if (state.allowed) return true;
  response.status(429).json({ errors: [answeredOutsideGraphql(rateLimitedError(state), localeFrom(response.req.header('accept-language')))] });
  return false;
}

/** Spends the extra units of a request's costly calls from the budget its request spent (none when the limit is off), or refuses it with 429. */
export function costlyCallCharge<TContext extends BaseContext>(limiter: RateLimiter, ownerOf: (context: TContext) => BudgetOwner | null): ChargeCostlyCalls<TContext> {
  return async (request, units) => {
    const owner = ownerOf(request.contextValue);
    if (!owner) return;
    const state = await limiter.hit(owner.key, owner.limit, units);
    if (!state) return;
    const headers = budgetHeaders(state);
    for (const [name, value] of headers) request.response.http.headers.set(name, value);
    if (state.allowed) return;
    throw rateLimitedError(state, { status: 429, headers: new HeaderMap(headers) });
  };
}
