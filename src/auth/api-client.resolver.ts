import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { labelOf } from '../core/labels';
import { idOf } from '../graphql/global-id';
import { registerNode } from '../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../graphql/relay';
import { runMutation } from '../graphql/user-error';
import { isProvinceAdmin } from '../core/actor';
import { ApiClient } from './api-client.entity';
import {
  ApiClientConnection,
  ApiClientType,
  CreateApiClientInput,
  CreateApiClientPayload,
  RevokeApiClientInput,
  RevokeApiClientPayload,
  SetApiClientStatementTrustInput,
  SetApiClientStatementTrustPayload,
} from './api-client.types';
import { Role } from '../core/roles';

const DEFAULT_RATE_LIMIT = 600;

registerNode('ApiClient', ApiClient, async (ctx, ids) => {
  if (!isProvinceAdmin(ctx.actor)) return ids.map(() => null);
  const clients = new Map((await ctx.em.find(ApiClient, { id: { $in: ids } })).map((client) => [client.id, client]));
  return ids.map((id) => clients.get(id) ?? null);
});

@Resolver(() => ApiClientType)
export class ApiClientResolver {
  @Authorized(Role.PROVINCE_ADMIN)
  @Query(() => ApiClientConnection, { description: 'API clients, newest first (province administrators).' })
  async apiClients(@Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<ApiClient>> {
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'apiClients',
      fetch: (seek) => ctx.services.apiClients.page(ctx, seek),
      keyOf: (client) => [client.createdAt.toISOString(), client.id],
      edge: (client, cursor) => ({ cursor, node: client }),
      count: () => ctx.services.apiClients.count(ctx),
    });
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => CreateApiClientPayload, { description: 'Issues an API key to a third-party front end; the key is in this payload only.' })
  async createApiClient(@Arg('input') input: CreateApiClientInput, @Ctx() ctx: RequestContext): Promise<CreateApiClientPayload> {
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.apiClients.create(tx, { ...input, rateLimitPerMinute: input.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT }),
    );
    return { apiClient: outcome.result?.client ?? null, key: outcome.result?.key ?? null, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => RevokeApiClientPayload, { description: 'Revokes an API client\'s key; it stops working within a minute.' })
  async revokeApiClient(@Arg('input') input: RevokeApiClientInput, @Ctx() ctx: RequestContext): Promise<RevokeApiClientPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.apiClients.revoke(tx, idOf('ApiClient', input.id)));
    return { apiClient: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => SetApiClientStatementTrustPayload, {
    description: "Sets whether an API client's xAPI statements become learning logs, and verified or pending, from its next statement on.",
  })
  async setApiClientStatementTrust(@Arg('input') input: SetApiClientStatementTrustInput, @Ctx() ctx: RequestContext): Promise<SetApiClientStatementTrustPayload> {
    const id = idOf('ApiClient', input.apiClientId);
    const outcome = await runMutation(ctx, (tx) => ctx.services.apiClients.setStatementTrust(tx, id, input.statementTrust));
    return { apiClient: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'Its statement trust, in the language of the request.' })
  statementTrustLabel(@Root() client: ApiClient, @Ctx() ctx: RequestContext): string {
    return labelOf('StatementTrust', client.statementTrust, ctx.locale);
  }
}
