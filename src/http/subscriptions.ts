import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Services } from '../app/services';
import type { Config } from '../core/config';
import type { RequestContext } from '../core/context';
import { BadInputError, UnauthenticatedError } from '../core/errors';
import { Loaders } from '../core/loaders';
import { localeFrom, type Locale } from '../core/locale';
import { renderRequestMessage, requestMessage, type RequestErrorKey } from '../core/request-error-messages';
import { documentSizeRefusal } from '../graphql/document-size';
import { fieldCountRule } from '../graphql/field-count';
import { formatError } from '../graphql/format-error';
import { badTextIn } from '../graphql/input-text';
import { operationLimits } from '../graphql/limits';
import { localizeErrors } from '../graphql/localized-errors';
import type { Logger } from '../infra/logger';
import type { RateLimiter } from '../infra/rate-limit';
import { actorOf, bearerToken, budgetOwnerOf, clientAddress, type CallerCredentials } from './caller';
import { MAX_BODY_MB } from './http-errors';
import { rateLimitedError, type BudgetOwner } from './request-budget';

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: Config;
  orm: MikroORM;
  services: Services;
  limiter: RateLimiter;
  log: Logger;
}

/** Who holds a connection, checked once when it opens. */
interface ConnectionCaller {
  accountId: string | null;
  budgetOwner: BudgetOwner | null;
  address: string | undefined;
  acceptLanguage: string | undefined;
}

/** What a client sends in `connection_init`: the same credentials as the HTTP headers of the same names. */
type ConnectionParams = Record<string, unknown>;

const textParam = (params: ConnectionParams | undefined, name: string): string | undefined => {
  const value = params?.[name];
  return typeof value === 'string' ? value : undefined;
};

/** The language of a connection's messages: `accept-language` of `connection_init`, else of the upgrade request. */
const localeOf = (caller: ConnectionCaller | undefined): Locale => localeFrom(caller?.acceptLanguage);

/** A close frame's reason holds at most this many bytes (RFC 6455): every reason a socket is closed with fits, in both languages. */
export const MAX_CLOSE_REASON_BYTES = 123;

/** Why a socket is closed with 4403 (graphql-ws's own "Forbidden") when the credentials of `connection_init` do not hold. */
export const CLOSE_REASONS = ['TOKEN_REJECTED', 'API_KEY_REJECTED'] as const satisfies readonly RequestErrorKey[];

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) at /graphql on the API's own HTTP server. A connection is
 * authenticated once, from `connection_init`'s `authorization` ("Bearer <accessToken>") and `x-api-key`, as HTTP requests
 * are from their headers; each subscription then gets a context of its own (actor, EntityManager, DataLoaders) and is held
 * to the document, depth and cost limits of HTTP, and spends one request of the caller's rate limit. Queries and mutations
 * go over HTTP. Returns what stops it: ending every subscription and closing the connections (Apollo's drain calls it).
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): { dispose(): Promise<void> } {
  const { schema, config, orm, services, limiter, log } = options;
  const format = formatError(log);
  const checkLimits = operationLimits(schema, config.query);
  const rules = [...specifiedRules, fieldCountRule(config.query.maxFields)];
  const formatAll = (errors: readonly GraphQLError[], locale: Locale): GraphQLFormattedError[] =>
    localizeErrors(
      errors.map((error) => format(error.toJSON(), error)),
      errors,
      locale,
    );
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: MAX_BODY_MB * 1024 * 1024 });

  /** Checks and prepares one subscription; the errors that refuse it otherwise. */
  async function prepare(caller: ConnectionCaller, query: unknown, operationName: string | null | undefined, variables: Record<string, unknown>): Promise<ExecutionArgs | GraphQLError[]> {
    if (typeof query !== 'string') return [new BadInputError('The subscription has no query text')];
    const tooLarge = documentSizeRefusal(query, config.query);
    if (tooLarge) return [tooLarge];
    let document;
    try {
      document = parse(query, { maxTokens: config.query.maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length) return [...invalid];
    const operation = getOperationAST(document, operationName);
    if (!operation) return [new BadInputError(operationName ? `The document has no operation named ${operationName}` : 'The document has several operations: name the one to run')];
    if (operation.operation !== 'subscription') return [new BadInputError(`This socket carries subscriptions; send a ${operation.operation} over HTTP (POST /graphql)`)];
    const badText = badTextIn(schema, document, variables);
    if (badText) return [new BadInputError(`${badText.path.join('.')} holds ${badText.fault}`, { argumentPath: badText.path })];
    checkLimits({ document, operation, operationName, variables });
    if (caller.budgetOwner) {
      const state = await limiter.hit(caller.budgetOwner.key, caller.budgetOwner.limit, 1);
      if (state && !state.allowed) {
        return [rateLimitedError(state)];
      }
    }
    const em = orm.em.fork();
    const actor = caller.accountId ? await actorOf(services, em, caller.accountId) : null;
    if (caller.accountId && !actor) return [new UnauthenticatedError(requestMessage('TOKEN_REJECTED'))];
    const requestId = randomUUID();
    const contextValue: RequestContext = {
      em,
      actor,
      loaders: new Loaders(),
      requestId,
      now: new Date(),
      log: log.child({ requestId }),
      locale: localeOf(caller),
      clientAddress: caller.address,
      services,
    };
    log.info({ requestId, operation: operationName ?? undefined, protocol: 'graphql-ws' }, 'subscription');
    return { schema, document, operationName, variableValues: variables, contextValue };
  }

  const server = useServer<ConnectionParams, { caller: ConnectionCaller }>(
    {
      schema,
      async onConnect(ctx) {
        const params = ctx.connectionParams;
        const authorization = textParam(params, 'authorization');
        const token = bearerToken(authorization);
        const accountId = services.auth.accountIdFromToken(token);
        const { request } = ctx.extra;
        const forwardedFor = request.headers['x-forwarded-for'];
        const address = clientAddress(request.socket.remoteAddress, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, config.trustProxyHops);
        const credentials: CallerCredentials = { authorization, apiKey: textParam(params, 'x-api-key'), address };
        const em = orm.em.fork();
        const tokenHolds = token === null || (accountId !== null && (await actorOf(services, em, accountId)) !== null);
        const owner = tokenHolds ? await budgetOwnerOf(services, () => em, config, credentials, accountId) : null;
        const acceptLanguage = textParam(params, 'accept-language') ?? request.headers['accept-language'];
        if (!tokenHolds || !owner) {
          const reason: (typeof CLOSE_REASONS)[number] = tokenHolds ? 'API_KEY_REJECTED' : 'TOKEN_REJECTED';
          ctx.extra.socket.close(CloseCode.Forbidden, renderRequestMessage(requestMessage(reason), localeFrom(acceptLanguage)));
          return false;
        }
        ctx.extra.caller = { accountId, budgetOwner: owner.limit === 0 ? null : owner, address, acceptLanguage };
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        const caller = ctx.extra.caller as ConnectionCaller;
        try {
          return await prepare(caller, payload.query, payload.operationName, payload.variables ?? {});
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      onError: (ctx, _id, _payload, errors) => formatAll(errors, localeOf(ctx.extra.caller)),
      onNext: (ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors, localeOf(ctx.extra.caller)) } : undefined),
    },
    wsServer,
  );
  return {
    async dispose() {
      await server.dispose();
    },
  };
}
