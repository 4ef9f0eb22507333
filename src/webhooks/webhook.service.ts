import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiClient } from '../auth/api-client.entity';
import type { WebhooksConfig } from '../core/config';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { checkOutboundUrl, httpPost, OutboundUrlError } from '../infra/http-post';
import { newestFirstPage, type Seek } from '../infra/keyset';
import { OutboxJob } from '../media/outbox.entity';
import { JobName, QueueName } from '../infra/queue';
import { signedHeaders, WEBHOOK_SECRET_PREFIX } from './signing';
import { newOpaqueSecret } from '../auth/tokens';
import { WebhookDeliveryStatus, type WebhookEventKind } from './webhook.enums';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { deliveryJobId, recordDeliveries, webhookChannelOf, type GlobalIdOf } from './webhook-events';
import { ENDPOINTS_CHANNEL, SubscribedKinds } from './subscribed-kinds';
import { afterCommit } from '../infra/after-commit';
import type { EventBus } from '../infra/events';
import type { Logger } from '../infra/logger';

export interface EndpointInput {
  url: string;
  eventKinds: WebhookEventKind[];
}

export interface EndpointChange {
  url?: string | null;
  eventKinds?: WebhookEventKind[] | null;
  active?: boolean | null;
}

/** What one delivery attempt came to, for its job. */
export type DeliveryOutcome = { status: 'done'; detail: Record<string, unknown> } | { status: 'skipped'; reason: string };

/**
 * Webhook endpoints of API clients and their deliveries. An endpoint belongs to its client's managing account (the province
 * administrator who created the client): only that account sees, changes and replays it.
 */
export class WebhookService {
  private readonly kinds: SubscribedKinds;

  constructor(
    private readonly config: WebhooksConfig,
    private readonly globalId: GlobalIdOf,
    private readonly events: () => EventBus,
    log: Logger,
  ) {
    this.kinds = new SubscribedKinds(events, log);
  }

  /**
   * For the EventBus: in the transaction of an event, a delivery (and its job) per endpoint taking its kind, when API keys
   * may read the object it names (webhook-events.ts). No query for a channel webhooks do not carry, for a kind keys never
   * read or no endpoint takes: the titles runs' progress and most other events cost nothing here.
   */
  readonly recorder = async (em: EntityManager, channel: string): Promise<void> => {
    const event = webhookChannelOf(channel);
    if (!event?.readableByKeys || !(await this.kinds.mayBeTaken(em, event.kind))) return;
    if (await event.readableByKeys(em, event.objectId)) await recordDeliveries(em, event.body(this.globalId, new Date()));
  };

  /** Transactional. A new endpoint and its secret, which is never shown again. */
  async create(ctx: RequestContext, clientId: string, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const client = await this.ownedClient(ctx, clientId);
    if (client.revokedAt) throw new UserInputError('API_CLIENT_REVOKED', ['apiClientId']);
    const secret = newOpaqueSecret(WEBHOOK_SECRET_PREFIX);
    const endpoint = ctx.em.create(WebhookEndpoint, { client, url: this.checkedUrl(input.url), eventKinds: this.checkedKinds(input.eventKinds), secret });
    await ctx.em.flush();
    await this.endpointsChanged(ctx.em);
    return { endpoint, secret };
  }

  /** Transactional, idempotent. Pending deliveries go to the new URL, with the kinds' filter unchanged for them, at their next attempt. */
  async update(ctx: RequestContext, id: string, change: EndpointChange): Promise<WebhookEndpoint> {
    const endpoint = await this.owned(ctx, id);
    if (change.url !== undefined && change.url !== null) endpoint.url = this.checkedUrl(change.url);
    if (change.eventKinds !== undefined && change.eventKinds !== null) endpoint.eventKinds = this.checkedKinds(change.eventKinds);
    if (change.active !== undefined && change.active !== null) endpoint.active = change.active;
    await ctx.em.flush();
    await this.endpointsChanged(ctx.em);
    return endpoint;
  }

  /** Transactional. Deletes the endpoint and its deliveries; their jobs find nothing to send. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const endpoint = await this.owned(ctx, id);
    await ctx.em.remove(endpoint).flush();
    await this.endpointsChanged(ctx.em);
    return id;
  }

  /** Transactional. A new secret signs every attempt from now on, retries of older deliveries included; the old one stops at once. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.owned(ctx, id);
    const secret = newOpaqueSecret(WEBHOOK_SECRET_PREFIX);
    endpoint.secret = secret;
    await ctx.em.flush();
    return { endpoint, secret };
  }

  /** Transactional. Sends a delivery's event again, as a new delivery with the same event id and body, queued through the outbox. */
  async replay(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery> {
    const original = await ctx.em.findOne(WebhookDelivery, deliveryId, { populate: ['endpoint.client'] });
    if (!original || !this.manages(ctx, original.endpoint.client)) throw new NotFoundError('The webhook delivery');
    if (!original.endpoint.active) throw new UserInputError('WEBHOOK_ENDPOINT_INACTIVE', ['deliveryId']);
    const replay = ctx.em.create(WebhookDelivery, { endpoint: original.endpoint, eventId: original.eventId, kind: original.kind, payload: original.payload });
    ctx.em.create(OutboxJob, { queue: QueueName.Webhooks, jobName: JobName.DeliverWebhook, jobId: deliveryJobId(replay.id), data: { deliveryId: replay.id } });
    await ctx.em.flush();
    return replay;
  }

  /** The endpoint, when the actor manages its client. */
  async owned(ctx: RequestContext, id: string): Promise<WebhookEndpoint> {
    const endpoint = await ctx.em.findOne(WebhookEndpoint, id, { populate: ['client'] });
    if (!endpoint || !this.manages(ctx, endpoint.client)) throw new NotFoundError('The webhook endpoint');
    return endpoint;
  }

  /** Endpoints and deliveries among `ids` the actor may see, for `node(id:)`. */
  async visibleEndpoints(ctx: RequestContext, ids: string[]): Promise<WebhookEndpoint[]> {
    return ctx.em.find(WebhookEndpoint, { id: { $in: ids }, client: { createdBy: this.actorId(ctx) } }, { populate: ['client'] });
  }

  async visibleDeliveries(ctx: RequestContext, ids: string[]): Promise<WebhookDelivery[]> {
    return ctx.em.find(WebhookDelivery, { id: { $in: ids }, endpoint: { client: { createdBy: this.actorId(ctx) } } });
  }

  /** One keyset page of the endpoints the actor manages (of one client, when given), newest first. */
  async endpointsPage(ctx: RequestContext, clientId: string | null, seek: Seek): Promise<WebhookEndpoint[]> {
    const page = newestFirstPage(seek);
    return page.inListOrder(await ctx.em.find(WebhookEndpoint, { ...this.endpointScope(ctx, clientId), ...page.where }, { orderBy: page.orderBy, limit: seek.limit, populate: ['client'] }));
  }

  countEndpoints(ctx: RequestContext, clientId: string | null): Promise<number> {
    return ctx.em.count(WebhookEndpoint, this.endpointScope(ctx, clientId));
  }

  /** One keyset page of an endpoint's deliveries, newest first; the endpoint was read through `owned` or a visible list. */
  async deliveriesPage(ctx: RequestContext, endpointId: string, seek: Seek): Promise<WebhookDelivery[]> {
    const page = newestFirstPage(seek);
    return page.inListOrder(await ctx.em.find(WebhookDelivery, { endpoint: endpointId, ...page.where }, { orderBy: page.orderBy, limit: seek.limit }));
  }

  countDeliveries(ctx: RequestContext, endpointId: string): Promise<number> {
    return ctx.em.count(WebhookDelivery, { endpoint: endpointId });
  }

  /**
   * Idempotent (a DELIVERED delivery is not sent again). One attempt of a delivery: signs and POSTs its body, records the
   * answer. Throws when the attempt failed and others remain, so BullMQ retries it after its backoff.
   */
  async deliver(em: EntityManager, deliveryId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const delivery = await em.findOne(WebhookDelivery, deliveryId, { populate: ['endpoint'] });
    if (!delivery) return { status: 'skipped', reason: 'the delivery is gone (its endpoint was deleted)' };
    if (delivery.status !== WebhookDeliveryStatus.PENDING) return { status: 'skipped', reason: `the delivery is already ${delivery.status}` };
    const endpoint = delivery.endpoint;
    if (!endpoint.active) {
      delivery.status = WebhookDeliveryStatus.FAILED;
      delivery.lastError = 'the endpoint is inactive';
      await em.flush();
      return { status: 'skipped', reason: 'the endpoint is inactive' };
    }
    const now = new Date();
    const headers = signedHeaders(endpoint.secret, delivery.eventId, Math.floor(now.getTime() / 1000), delivery.payload);
    let refused = false;
    delivery.attempts += 1;
    delivery.lastAttemptAt = now;
    try {
      const { status } = await httpPost(endpoint.url, delivery.payload, { ...headers, 'user-agent': 'lifelong-learning-webhooks/1' }, {
        timeoutMs: this.config.timeoutMs,
        allowPrivate: this.config.allowPrivateAddresses,
      });
      delivery.lastResponseCode = status;
      delivery.lastError = status >= 200 && status < 300 ? null : `the endpoint answered ${status}`;
    } catch (error) {
      refused = error instanceof OutboundUrlError;
      delivery.lastResponseCode = null;
      delivery.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    }
    const delivered = delivery.lastError === null;
    if (delivered) {
      delivery.status = WebhookDeliveryStatus.DELIVERED;
      delivery.deliveredAt = new Date();
    } else if (finalAttempt || refused) delivery.status = WebhookDeliveryStatus.FAILED;
    await em.flush();
    if (delivered || delivery.status === WebhookDeliveryStatus.FAILED) {
      return { status: 'done', detail: { status: delivery.status, attempts: delivery.attempts, responseCode: delivery.lastResponseCode } };
    }
    throw new Error(`webhook delivery ${delivery.id}, attempt ${delivery.attempts}: ${delivery.lastError}`);
  }

  /** Once the change commits, this process and every other one read the kinds endpoints take again. */
  private endpointsChanged(em: EntityManager): Promise<void> {
    return afterCommit(em, async () => {
      this.kinds.forget();
      await this.events().publish(ENDPOINTS_CHANNEL);
    });
  }

  private checkedUrl(url: string): string {
    try {
      return checkOutboundUrl(url.trim(), this.config.allowPrivateAddresses).toString();
    } catch (error) {
      if (error instanceof OutboundUrlError) throw new UserInputError('INVALID_WEBHOOK_URL', ['url']);
      throw error;
    }
  }

  private checkedKinds(kinds: WebhookEventKind[]): WebhookEventKind[] {
    if (!kinds.length) throw new UserInputError('WEBHOOK_EVENT_KINDS_REQUIRED', ['eventKinds']);
    return [...new Set(kinds)];
  }

  private async ownedClient(ctx: RequestContext, clientId: string): Promise<ApiClient> {
    const client = await ctx.em.findOne(ApiClient, clientId);
    if (!client) throw new NotFoundError('The API client');
    if (!this.manages(ctx, client)) throw new ForbiddenError('Only the account that manages the API client may give it webhooks');
    return client;
  }

  private manages(ctx: RequestContext, client: ApiClient): boolean {
    return client.createdBy !== null && client.createdBy.id === ctx.actor?.accountId;
  }

  private actorId(ctx: RequestContext): string {
    if (!ctx.actor) throw new ForbiddenError();
    return ctx.actor.accountId;
  }

  private endpointScope(ctx: RequestContext, clientId: string | null) {
    return { client: clientId ? { id: clientId, createdBy: this.actorId(ctx) } : { createdBy: this.actorId(ctx) } };
  }
}
