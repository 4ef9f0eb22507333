import type { Request, RequestHandler, Response } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ApiClientIdentity } from '../auth/api-client.service';
import type { CursorCodec } from '../graphql/cursor';
import type { RequestContext } from '../core/context';
import type { Logger } from '../infra/logger';
import { learningHook, voidingHook } from './learning-bridge';
import type { LearningHook, StatementAuthority, VoidingHook } from './statement-store';
import { XapiError } from './xapi-error';
import { containsNul } from './xapi-text';
import { xapiVersionOf, type XapiVersion } from './xapi-versions';

/** What every xAPI request has once its headers and credentials are checked. */
export interface XapiRequestState {
  version: XapiVersion;
  client: ApiClientIdentity;
  authority: StatementAuthority;
  /** The query string, each parameter given once. */
  query: Record<string, string>;
}

export interface XapiRouteOptions {
  orm: MikroORM;
  log: Logger;
  /** The API client of a key, or null for an unknown or revoked one. */
  identify: (em: EntityManager, key: string) => Promise<ApiClientIdentity | null>;
  /** Spends one request of the client's budget; false once it answered 429. */
  budget: (client: ApiClientIdentity, response: Response) => Promise<boolean>;
  /** A service context for a request's work, on its own EntityManager. */
  contextOf: (em: EntityManager, requestId: string) => RequestContext;
  /** Home pages of the accounts that name the platform's citizens (PUBLIC_URL and the platform IRI). */
  homePages: string[];
  /** The home page of the authority accounts of API clients. */
  authorityHomePage: string;
  /** Signs the `more` links of statement pages. */
  cursors: CursorCodec;
}

export interface XapiRouteKit {
  handle(parameters: string[], handler: (request: Request, response: Response, state: XapiRequestState) => Promise<void>): RequestHandler;
  em(): EntityManager;
  cursors: CursorCodec;
  transactional<T>(request: Request, state: XapiRequestState, work: (em: EntityManager, hooks: { learning: LearningHook; voiding: VoidingHook }) => Promise<T>): Promise<T>;
}

/** The API key of a Basic Authorization header: the password, with the key's prefix (or the key) as the user name. */
function basicKey(header: string | undefined): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const key = decoded.slice(colon + 1);
  return key && user && key.startsWith(user) && !containsNul(key) ? key : null;
}

function queryOf(request: Request, allowed: string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query)) {
    if (!allowed.includes(name)) throw new XapiError(400, `Unknown parameter ${name} (parameter names are case-sensitive)`);
    if (typeof value !== 'string') throw new XapiError(400, `The parameter ${name} is given more than once`);
    if (containsNul(value)) throw new XapiError(400, `The parameter ${name} cannot hold the character U+0000`);
    query[name] = value;
  }
  return query;
}

/**
 * The kit of one endpoint, speaking `versions` (newest first): a request naming another version, or none, is a 400
 * that states the first, as a client that sent no header is told the version to use.
 */
export function xapiRouteKit(options: XapiRouteOptions, versions: readonly XapiVersion[]): XapiRouteKit {
  const fail = (response: Response, status: number, message: string) => {
    if (status === 401) response.set('www-authenticate', 'Basic realm="xAPI"');
    response.status(status).type('text/plain; charset=utf-8').send(message);
  };
  return {
    handle: (parameters, handler) => async (request, response) => {
      const asked = xapiVersionOf(request.header('x-experience-api-version'));
      const version = asked && versions.includes(asked) ? asked : null;
      response.set('x-experience-api-version', version ?? (versions[0] as XapiVersion));
      try {
        const key = basicKey(request.header('authorization'));
        const client = key ? await options.identify(options.orm.em.fork(), key) : null;
        if (!client) return fail(response, 401, 'Send Basic credentials: the API key’s prefix as the user name and the key as the password');
        if (!(await options.budget(client, response))) return;
        if (!version) return fail(response, 400, `Send X-Experience-API-Version: ${versions.join(' or ')}`);
        const state: XapiRequestState = {
          version,
          client,
          authority: { clientId: client.id, agent: { objectType: 'Agent', name: client.name, account: { homePage: options.authorityHomePage, name: client.id } } },
          query: queryOf(request, parameters),
        };
        await handler(request, response, state);
      } catch (error) {
        if (error instanceof XapiError) return fail(response, error.status, error.message);
        options.log.error({ err: error, requestId: response.locals.requestId as string }, 'xAPI request failed');
        fail(response, 500, 'The LRS could not answer; try again');
      }
    },
    em: () => options.orm.em.fork(),
    cursors: options.cursors,
    transactional: (request, state, work) =>
      options.orm.em.fork().transactional((em) => {
        const ctx = options.contextOf(em, String(request.res?.locals.requestId ?? 'xapi'));
        return work(em, { learning: learningHook(ctx, { trust: state.client.statementTrust }, options.homePages), voiding: voidingHook(ctx) });
      }),
  };
}
