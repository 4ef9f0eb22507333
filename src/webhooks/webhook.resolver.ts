import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ArgsType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { Role } from '../core/roles';
import { idOf } from '../graphql/global-id';
import { registerNode } from '../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../graphql/relay';
import { runMutation } from '../graphql/user-error';
import type { ApiClient } from '../auth/api-client.entity';
import { ApiClientType } from '../auth/api-client.types';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  ReplayWebhookDeliveryInput,
  ReplayWebhookDeliveryPayload,
  UpdateWebhookEndpointInput,
  UpdateWebhookEndpointPayload,
  WebhookDeliveryConnection,
  WebhookEndpointConnection,
  WebhookEndpointInput,
  WebhookEndpointSecretPayload,
  WebhookEndpointType,
} from './webhook.types';

function inOrder<T extends { id: string }>(ids: string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

registerNode('WebhookEndpoint', WebhookEndpoint, async (ctx, ids) => (ctx.actor ? inOrder(ids, await ctx.services.webhooks.visibleEndpoints(ctx, ids)) : ids.map(() => null)));
registerNode('WebhookDelivery', WebhookDelivery, async (ctx, ids) => (ctx.actor ? inOrder(ids, await ctx.services.webhooks.visibleDeliveries(ctx, ids)) : ids.map(() => null)));


@ArgsType()
class WebhookEndpointsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the endpoints of this API client.' })
  apiClientId?: string | null;
}

/** Webhooks of API clients, for the province administrator who manages each client (who created it). */
@Resolver(() => WebhookEndpointType)
export class WebhookEndpointResolver {
  @Authorized(Role.PROVINCE_ADMIN)
  @Query(() => WebhookEndpointConnection, { description: 'Webhook endpoints of the API clients the caller manages, newest first.' })
  async webhookEndpoints(@Args() args: WebhookEndpointsArgs, @Ctx() ctx: RequestContext): Promise<Connection<WebhookEndpoint>> {
    const clientId = args.apiClientId ? idOf('ApiClient', args.apiClientId) : null;
    return keysetConnection({
      args,
      codec: ctx.services.cursors,
      scope: `webhookEndpoints:${clientId ?? ''}`,
      fetch: (seek) => ctx.services.webhooks.endpointsPage(ctx, clientId, seek),
      keyOf: (endpoint) => [endpoint.createdAt.toISOString(), endpoint.id],
      edge: (endpoint, cursor) => ({ cursor, node: endpoint }),
      count: () => ctx.services.webhooks.countEndpoints(ctx, clientId),
    });
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Its deliveries, newest first.' })
  async deliveries(@Root() endpoint: WebhookEndpoint, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<WebhookDelivery>> {
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `webhookDeliveries:${endpoint.id}`,
      fetch: (seek) => ctx.services.webhooks.deliveriesPage(ctx, endpoint.id, seek),
      keyOf: (delivery) => [delivery.createdAt.toISOString(), delivery.id],
      edge: (delivery, cursor) => ({ cursor, node: delivery }),
      count: () => ctx.services.webhooks.countDeliveries(ctx, endpoint.id),
    });
  }

  @FieldResolver(() => ApiClientType, { description: 'The API client it belongs to.' })
  apiClient(@Root() endpoint: WebhookEndpoint): ApiClient {
    return endpoint.client;
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => WebhookEndpointSecretPayload, { description: 'Registers a URL of an API client the caller manages to receive signed webhooks; the secret is in this payload only.' })
  async createWebhookEndpoint(@Arg('input') input: CreateWebhookEndpointInput, @Ctx() ctx: RequestContext): Promise<WebhookEndpointSecretPayload> {
    const clientId = idOf('ApiClient', input.apiClientId);
    const outcome = await runMutation(ctx, (tx) => ctx.services.webhooks.create(tx, clientId, { url: input.url, eventKinds: input.eventKinds }));
    return { webhookEndpoint: outcome.result?.endpoint ?? null, secret: outcome.result?.secret ?? null, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => UpdateWebhookEndpointPayload, { description: 'Changes the URL or event kinds of a webhook endpoint, or pauses or resumes it.' })
  async updateWebhookEndpoint(@Arg('input') input: UpdateWebhookEndpointInput, @Ctx() ctx: RequestContext): Promise<UpdateWebhookEndpointPayload> {
    const id = idOf('WebhookEndpoint', input.id);
    const outcome = await runMutation(ctx, (tx) => ctx.services.webhooks.update(tx, id, input));
    return { webhookEndpoint: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => DeleteWebhookEndpointPayload, { description: 'Deletes a webhook endpoint and its deliveries.' })
  async deleteWebhookEndpoint(@Arg('input') input: WebhookEndpointInput, @Ctx() ctx: RequestContext): Promise<DeleteWebhookEndpointPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.webhooks.delete(tx, idOf('WebhookEndpoint', input.id)));
    return { deletedId: outcome.result ? input.id : null, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => WebhookEndpointSecretPayload, { description: 'Gives a webhook endpoint a new secret, in this payload only; the old one stops signing at once.' })
  async rotateWebhookSecret(@Arg('input') input: WebhookEndpointInput, @Ctx() ctx: RequestContext): Promise<WebhookEndpointSecretPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.webhooks.rotateSecret(tx, idOf('WebhookEndpoint', input.id)));
    return { webhookEndpoint: outcome.result?.endpoint ?? null, secret: outcome.result?.secret ?? null, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => ReplayWebhookDeliveryPayload, { description: 'Sends a webhook delivery’s event again, as a new delivery with the same `Webhook-Id` and body.' })
  async replayWebhookDelivery(@Arg('input') input: ReplayWebhookDeliveryInput, @Ctx() ctx: RequestContext): Promise<ReplayWebhookDeliveryPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.webhooks.replay(tx, idOf('WebhookDelivery', input.deliveryId)));
    return { delivery: outcome.result, errors: outcome.errors };
  }
}
