import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiClientIdentity } from '../auth/api-client.service';
import type { Services } from '../app/services';
import type { Config } from '../core/config';
import type { Actor } from '../core/actor';
import { ApiError, ErrorCode } from '../core/errors';
import { requestMessage } from '../core/request-error-messages';
import { isDatabaseUnreachable } from '../infra/database';
import type { BudgetOwner } from './request-budget';

/** Who calls, as an HTTP request or a WebSocket connection says it: the `Authorization` value, the API key, the address. */
export interface CallerCredentials {
  authorization: string | undefined;
  apiKey: string | undefined;
  address: string | undefined;
}

/**
 * The client's address behind `trustedHops` proxies, as Express reads `request.ip` with a hop count for `trust proxy`: the
 * address that many entries back along X-Forwarded-For from the connecting one, or the farthest there is.
 */
export function clientAddress(connecting: string | undefined, forwardedFor: string | undefined, trustedHops: number): string | undefined {
  const forwarded = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean).reverse();
  const chain = [connecting, ...forwarded];
  return chain[Math.min(trustedHops, chain.length - 1)];
}

/** The token of an `Authorization: Bearer …` value; null without one. */
export function bearerToken(authorization: string | undefined): string | null {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  return token || null;
}

/**
 * Whose budget a caller spends: its API client's (x-api-key), else the signed-in account's, else its address's. Only
 * signatures and key hashes are checked here, not what the caller may do. Null when an API key was sent that is unknown
 * or revoked. `emOf` is called only to look an API key up.
 */
export async function budgetOwnerOf(
  services: Services,
  emOf: () => EntityManager,
  config: Config,
  credentials: CallerCredentials,
  accountId: string | null,
): Promise<BudgetOwner | null> {
  if (credentials.apiKey) {
    const client = await services.apiClients.identify(emOf(), credentials.apiKey);
    return client ? clientBudget(client) : null;
  }
  const limits = config.rateLimitPerMinute;
  return accountId ? { key: `account:${accountId}`, limit: limits.signedIn } : { key: `ip:${credentials.address}`, limit: limits.anonymous };
}

/** The budget an API client's requests spend, however the key is sent (x-api-key, or Basic on /xapi). */
export function clientBudget(client: ApiClientIdentity): BudgetOwner {
  return { key: `client:${client.id}`, limit: client.rateLimitPerMinute };
}

/** The actor of a signed-in account, null when it is gone or disabled; 503 SERVICE_UNAVAILABLE when PostgreSQL does not answer. */
export async function actorOf(services: Services, em: EntityManager, accountId: string): Promise<Actor | null> {
  return services.auth.loadActor(em, accountId).catch((error: unknown) => {
    // Apollo answers a failed context with 500 and its own message unless told otherwise.
    if (isDatabaseUnreachable(error)) throw new ApiError(ErrorCode.ServiceUnavailable, requestMessage('SERVICE_UNAVAILABLE'), { http: { status: 503 } });
    throw error;
  });
}
