import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { Config } from '../core/config';
import { actorOf, bearerToken, budgetOwnerOf, clientBudget } from './caller';
import { cacheControlOf, NOT_CACHEABLE, SignedUrlLifetime, VARY } from './cache-control';
import { cors } from './cors';
import { ResponseCache, type CacheSlot } from './response-cache';
import { httpErrorHandler, MAX_BODY_MB } from './http-errors';
import type { RequestContext } from '../core/context';
import { formatError, unavailableStatus } from '../graphql/format-error';
import { documentSizeRefusal, type DocumentSizeLimits } from '../graphql/document-size';
import { fieldCountRule } from '../graphql/field-count';
import { queryLimitsPlugin } from '../graphql/limits';
import { inputTextPlugin } from '../graphql/input-text';
import { staleTokenPlugin, type TokenState } from './stale-token';
import { startSubscriptionServer } from './subscriptions';
import { noSubscriptionsOverHttpRule } from '../graphql/operation-types';
import { costlyCallCharge, spendRequest, type BudgetOwner } from './request-budget';
import { Loaders } from '../core/loaders';
import { feedRoutes, OPEN_DATA_PATHS } from '../feeds/feed-routes';
import { credentialRoutes, CREDENTIAL_PATHS } from '../credentials';
import { systemContext } from '../app/system-context';
import { PLATFORM_IRI } from '../learning/records/xapi';
import { XAPI_PATH, xapiRoutes } from '../xapi/xapi-routes';
import { localeFrom } from '../core/locale';
import { UnauthenticatedError } from '../core/errors';
import { requestMessage } from '../core/request-error-messages';
import { answeredOutsideGraphql, contextFailureIn, localizedErrorsPlugin } from '../graphql/localized-errors';
import { buildApiSchema } from '../app/schema';
import { pingDatabase } from '../infra/database';
import { runWithRequestLog, type Logger } from '../infra/logger';
import { runWithQueryStats, type QueryStats } from '../infra/query-stats';
import { checkReadiness } from '../infra/readiness';
import { RateLimiter } from '../infra/rate-limit';
import { pingRedis } from '../infra/redis';
import type { Storage } from '../infra/storage';
import type { Services } from '../app/services';

export interface ApiDependencies {
  config: Config;
  orm: MikroORM;
  redis: Redis;
  storage: Storage;
  services: Services;
  log: Logger;
}

export interface ApiServer {
  httpServer: http.Server;
  /** Stops accepting connections, lets requests in flight finish, then resolves. */
  stop(): Promise<void>;
}

/** What the request log line says about a request, filled in as the request goes. */
interface RequestRecord {
  operationName: string | null;
}

type ContextWithStats = RequestContext & TokenState & {
  queryStats: QueryStats;
  record: RequestRecord;
  /** Whose rate limit the request spends; null when it is off for the caller. */
  budgetOwner: BudgetOwner | null;
  signedUrls: SignedUrlLifetime;
  /** Where the answer goes in the response cache; null when it may not be kept. */
  cacheSlot: CacheSlot | null;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Answers 413 DOCUMENT_TOO_LARGE, before Apollo parses anything, to a query text over the limits (GET or POST).
 * A body over MAX_BODY_MB never gets here: express.json answers it 413 first. A persisted query sent
 * by its hash alone was checked when its text was registered.
 */
function documentSizeGate(limits: DocumentSizeLimits): RequestHandler {
  return (request, response, next) => {
    const query: unknown = request.method === 'GET' ? request.query.query : (request.body as { query?: unknown } | undefined)?.query;
    const refusal = typeof query === 'string' ? documentSizeRefusal(query, limits) : null;
    if (!refusal) return next();
    const locale = localeFrom(request.header('accept-language'));
    response.status(413).json({ errors: [answeredOutsideGraphql(refusal, locale, { requestId: response.locals.requestId as string })] });
  };
}

/** Builds the HTTP server: /graphql (Apollo, and subscriptions over WebSocket), /healthz, /readyz, request ids and request logs. */
export async function createApiServer(deps: ApiDependencies): Promise<ApiServer> {
  const { config, orm, services, log } = deps;
  const schema = await buildApiSchema();
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  const httpServer = http.createServer(app);

  const limiter = new RateLimiter(deps.redis, config.queuePrefix, log);
  const responseCache = new ResponseCache(config.responseCacheEntries, services.publicChanges, config.exposeQueryStats, config.media.downloadUrlWindowSeconds * 1000);
  if (config.responseCacheEntries > 0) services.publicChanges.follow();
  const subscriptions = startSubscriptionServer({ httpServer, schema, config, orm, services, limiter, log });
  const apollo = new ApolloServer<ContextWithStats>({
    schema,
    // The size gate before Apollo counted the tokens already; the parser's own limit holds for whatever else reaches it.
    parseOptions: { maxTokens: config.query.maxTokens },
    validationRules: [fieldCountRule(config.query.maxFields), noSubscriptionsOverHttpRule],
    // Stacks name server paths: never sent, in any mode; formatError logs them.
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    // Shutdown is ours (src/app/shutdown.ts): Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: formatError(log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Ends the subscriptions and closes their sockets, which the HTTP server's drain does not see.
      {
        async serverWillStart() {
          return { drainServer: () => subscriptions.dispose() };
        },
      },
      // No field has cache hints, and the plugin visits every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      config.sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }) : ApolloServerPluginLandingPageDisabled(),
      staleTokenPlugin<ContextWithStats>(),
      localizedErrorsPlugin<ContextWithStats>(),
      inputTextPlugin<ContextWithStats>(),
      queryLimitsPlugin<ContextWithStats>(
        schema,
        config.query,
        costlyCallCharge(limiter, (context) => context.budgetOwner),
      ),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operationName, contextValue }) {
              contextValue.record.operationName = operationName ?? null;
            },
            async willSendResponse({ request, response, contextValue }) {
              response.http.headers.set('vary', VARY);
              if (response.body.kind !== 'single') {
                response.http.headers.set('cache-control', NOT_CACHEABLE);
                return;
              }
              const extensions: Record<string, unknown> = { ...response.body.singleResult.extensions, requestId: contextValue.requestId };
              if (config.exposeQueryStats) extensions.sqlStatements = contextValue.queryStats.sqlStatements;
              response.body.singleResult.extensions = extensions;
              const headers = request.http?.headers;
              const answered = {
                method: request.http?.method ?? 'POST',
                identified: Boolean(headers?.get('authorization') || headers?.get('x-api-key')),
                persisted: request.extensions?.persistedQuery !== undefined,
                failed: (response.body.singleResult.errors?.length ?? 0) > 0,
              };
              const cacheControl = cacheControlOf(answered, config.publicCacheSeconds, contextValue.signedUrls.validUntilMs, Date.now());
              response.http.headers.set('cache-control', cacheControl);
              if (contextValue.cacheSlot && !answered.failed) {
                responseCache.store(contextValue.cacheSlot, cacheControl, contextValue.signedUrls.validUntilMs, response.body.singleResult.data, response.body.singleResult.extensions);
              }
              const status = unavailableStatus(response.body.singleResult);
              if (status) response.http.status = status;
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use((request, response, next) => {
    const incoming = request.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.locals.requestId = requestId;
    const queryStats: QueryStats = { sqlStatements: 0 };
    const record: RequestRecord = { operationName: null };
    response.locals.queryStats = queryStats;
    response.locals.record = record;
    response.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      log.info(
        {
          requestId,
          method: request.method,
          path: request.originalUrl.split('?')[0],
          operation: record.operationName ?? undefined,
          status: response.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          sqlStatements: config.exposeQueryStats ? queryStats.sqlStatements : undefined,
        },
        'request',
      );
    });
    const requestLog = log.child({ requestId });
    response.locals.log = requestLog;
    runWithRequestLog(requestLog, () => runWithQueryStats(queryStats, () => next()));
  });

  /**
   * Spends one request of the caller's budget: the owner spent from (null when the limit is off for the caller), or false
   * once 401 (an unknown or revoked API key) or 429 is answered.
   */
  const spendBudget = async (request: express.Request, response: express.Response, accountId: string | null): Promise<BudgetOwner | null | false> => {
    const credentials = { authorization: request.headers.authorization, apiKey: request.header('x-api-key'), address: request.ip };
    const owner = await budgetOwnerOf(services, () => orm.em.fork(), config, credentials, accountId);
    if (!owner) {
      const refusal = new UnauthenticatedError(requestMessage('API_KEY_REJECTED'));
      response.status(401).json({ errors: [answeredOutsideGraphql(refusal, localeFrom(request.header('accept-language')))] });
      return false;
    }
    if (owner.limit === 0) return null;
    return (await spendRequest(limiter, owner, response)) ? owner : false;
  };

  /** Spends a request of the caller's budget as signed out (its address's, or its API key's). */
  const signedOutBudget: express.RequestHandler = async (request, response, next) => {
    if ((await spendBudget(request, response, null)) !== false) next();
  };

  // /graphql first: its requests, nearly all of them, pass no other route on their way.
  app.use('/graphql', cors(config.corsOrigins));

  app.use('/graphql', async (request, response, next) => {
    // Until Apollo answers with its own: what is refused before it (401, 413, 429) is never cached.
    response.setHeader('cache-control', NOT_CACHEABLE);
    response.setHeader('vary', VARY);
    // The token is verified once here; the GraphQL context loads the account's grants from this id.
    const token = bearerToken(request.headers.authorization);
    const accountId = services.auth.accountIdFromToken(token);
    response.locals.accountId = accountId;
    response.locals.tokenRejected = token !== null && accountId === null;
    const owner = await spendBudget(request, response, accountId);
    if (owner === false) return;
    if (owner) response.locals.budgetOwner = owner;
    next();
  });

  app.use(
    '/graphql',
    responseCache.middleware(),
    express.json({ limit: `${MAX_BODY_MB}mb` }),
    documentSizeGate(config.query),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<ContextWithStats> => {
        // Forked when a resolver first reads it: an answer that needs no SQL makes none.
        let em: EntityManager | undefined;
        const requestId = res.locals.requestId as string;
        const accountId = res.locals.accountId as string | null;
        const locale = localeFrom(req.header('accept-language'));
        const actor = accountId
          ? await actorOf(services, (em = orm.em.fork()), accountId).catch((error: unknown) => {
              throw contextFailureIn(locale, error);
            })
          : null;
        return {
          get em(): EntityManager {
            return (em ??= orm.em.fork());
          },
          set em(value: EntityManager) {
            em = value;
          },
          actor,
          tokenRejected: (res.locals.tokenRejected as boolean) || (accountId !== null && actor === null),
          loaders: new Loaders(),
          requestId,
          now: new Date(),
          log: res.locals.log as Logger,
          locale,
          clientAddress: req.ip,
          services,
          queryStats: res.locals.queryStats as QueryStats,
          record: res.locals.record as RequestRecord,
          budgetOwner: (res.locals.budgetOwner as BudgetOwner | undefined) ?? null,
          signedUrls: new SignedUrlLifetime(),
          cacheSlot: (res.locals.cacheSlot as CacheSlot | undefined) ?? null,
        };
      },
    }),
  );

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async (_request, response) => {
    const report = await checkReadiness({
      postgres: () => pingDatabase(orm),
      redis: () => pingRedis(deps.redis),
      s3: () => deps.storage.ping(),
    });
    const openSince = limiter.failingOpenSince;
    response.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'not ready',
      checks: report.checks,
      rateLimit: openSince ? { enforced: false, failingOpenSince: openSince.toISOString() } : { enforced: true },
    });
  });

  app.use(OPEN_DATA_PATHS, cors(['*']));
  app.use(feedRoutes({
    orm,
    publicUrlOf: (request) => config.publicUrl ?? `${request.protocol}://${request.get('host') ?? `localhost:${config.port}`}`,
    // Open data is read signed out: a token spends nothing of its account's budget here.
    budget: signedOutBudget,
  }));

  app.use(CREDENTIAL_PATHS, cors(['*']));
  app.use(credentialRoutes({
    contextOf: () => systemContext(orm.em.fork(), services, log, null),
    credentials: services.credentials.issuance,
    verification: services.credentials.verification,
    vault: services.credentials.vault,
    // Verifiers call signed out: a token spends nothing of its account's budget here.
    budget: signedOutBudget,
  }));

  app.use(XAPI_PATH, xapiRoutes({
    orm,
    log,
    identify: (em, key) => services.apiClients.identify(em, key),
    budget: async (client, response) => {
      const owner = clientBudget(client);
      return owner.limit === 0 || spendRequest(limiter, owner, response);
    },
    contextOf: (em, requestId) => ({ ...systemContext(em, services, log.child({ requestId }), null), requestId }),
    homePages: [PLATFORM_IRI, ...(config.publicUrl ? [config.publicUrl.replace(/\/+$/, '')] : [])],
    authorityHomePage: config.publicUrl ?? PLATFORM_IRI,
    cursors: services.cursors,
  }));

  app.use(httpErrorHandler(log));

  return {
    httpServer,
    stop: () => apollo.stop(),
  };
}
