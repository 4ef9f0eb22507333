import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { NotFoundError, UserInputError } from '../core/errors';
import { afterCommit } from '../infra/after-commit';
import type { EventBus } from '../infra/events';
import type { Logger } from '../infra/logger';
import { newestFirstPage, type Seek } from '../infra/keyset';
import { Account } from './account.entity';
import { ApiClient } from './api-client.entity';
import { StatementTrust } from './api-client.enums';
import { hashOpaqueToken, newOpaqueToken } from './tokens';

export const API_KEY_PREFIX = 'llk_';
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 10_000;
/** The channel every API process hears when a client is revoked or its trust changes. */
const CLIENTS_CHANNEL = 'api-clients';

export interface ApiClientInput {
  name: string;
  contactEmail: string;
  rateLimitPerMinute: number;
  statementTrust?: StatementTrust;
}

/** Who a request's API key belongs to, as the rate limiter needs it. */
export interface ApiClientIdentity {
  id: string;
  name: string;
  rateLimitPerMinute: number;
  statementTrust: StatementTrust;
}

/**
 * API clients: province admins issue and revoke keys and set how far their xAPI statements are
 * trusted. Keys are looked up by hash and the answer kept for a minute per process, so a key costs
 * no query on every request. A revocation or a change of trust empties every API process's cache
 * through the event bus once committed; the minute bounds what a process misses while Redis is away.
 */
export class ApiClientService {
  private readonly cache = new Map<string, { identity: ApiClientIdentity | null; until: number }>();
  private listening: Promise<unknown> | null = null;

  constructor(
    private readonly events: () => EventBus,
    private readonly log: Logger,
  ) {}

  /** Transactional. Creates a client and returns its key, which is never shown again. */
  async create(ctx: RequestContext, input: ApiClientInput): Promise<{ client: ApiClient; key: string }> {
    const key = newOpaqueToken(API_KEY_PREFIX);
    const client = ctx.em.create(ApiClient, {
      name: input.name.trim(),
      contactEmail: input.contactEmail.trim().toLowerCase(),
      rateLimitPerMinute: input.rateLimitPerMinute,
      statementTrust: input.statementTrust ?? StatementTrust.UNTRUSTED,
      keyHash: key.hash,
      keyPrefix: key.token.slice(0, API_KEY_PREFIX.length + 6),
      createdBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
    });
    await ctx.em.flush();
    return { client, key: key.token };
  }

  /** Transactional, idempotent. The key stops working once committed, in every API process. */
  async revoke(ctx: RequestContext, id: string): Promise<ApiClient> {
    const client = await ctx.em.findOne(ApiClient, { id });
    if (!client) throw new NotFoundError('The API client');
    client.revokedAt ??= new Date();
    await ctx.em.flush();
    await this.forgetAfterCommit(ctx.em, client.keyHash);
    return client;
  }

  /** Transactional, idempotent. The client's next statement after the commit is trusted so, in every API process. */
  async setStatementTrust(ctx: RequestContext, id: string, trust: StatementTrust): Promise<ApiClient> {
    const client = await ctx.em.findOne(ApiClient, { id });
    if (!client) throw new UserInputError('API_CLIENT_NOT_FOUND', ['apiClientId']);
    if (client.revokedAt) throw new UserInputError('API_CLIENT_REVOKED', ['apiClientId']);
    client.statementTrust = trust;
    await ctx.em.flush();
    await this.forgetAfterCommit(ctx.em, client.keyHash);
    return client;
  }

  /** One keyset page of clients, newest first. */
  async page(ctx: RequestContext, seek: Seek): Promise<ApiClient[]> {
    const page = newestFirstPage(seek);
    return page.inListOrder(await ctx.em.find(ApiClient, page.where, { orderBy: page.orderBy, limit: seek.limit }));
  }

  count(ctx: RequestContext): Promise<number> {
    return ctx.em.count(ApiClient, {});
  }

  /** The client a key belongs to, or null for an unknown or revoked key. */
  async identify(em: EntityManager, key: string, now = Date.now()): Promise<ApiClientIdentity | null> {
    this.listening ??= this.listen();
    const hash = hashOpaqueToken(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.identity;
    const client = await em.findOne(ApiClient, { keyHash: hash, revokedAt: null });
    const identity = client ? { id: client.id, name: client.name, rateLimitPerMinute: client.rateLimitPerMinute, statementTrust: client.statementTrust } : null;
    // Random keys must not grow the cache without bound.
    if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
    this.cache.set(hash, { identity, until: now + CACHE_MS });
    return identity;
  }

  /** Forgotten once committed: a request between the forgetting and the commit would cache the old row again. */
  private forgetAfterCommit(em: EntityManager, keyHash: string): Promise<void> {
    return afterCommit(em, async () => {
      this.cache.delete(keyHash);
      await this.events().publish(CLIENTS_CHANNEL);
    });
  }

  /** Empties the cache whenever another process changed a client, for as long as the event bus is open. */
  private listen(): Promise<unknown> {
    return this.events()
      .listen(CLIENTS_CHANNEL)
      .then(async (changes) => {
        for await (const _ of changes) this.cache.clear();
        this.listening = null;
      })
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'API client changes cannot be heard; cached keys are trusted for a minute');
        // Tried again a while later, not on every request while Redis is away.
        setTimeout(() => (this.listening = null), CACHE_MS / 12).unref();
      });
  }
}
