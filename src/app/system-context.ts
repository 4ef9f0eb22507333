import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../core/actor';
import type { RequestContext } from '../core/context';
import { Loaders } from '../core/loaders';
import type { Logger } from '../infra/logger';
import type { Services } from './services';

/** A context for work that no HTTP request started (CLI tools, demo data), acting as `actor`. */
export function systemContext(em: EntityManager, services: Services, log: Logger, actor: Actor | null): RequestContext {
  return { em, actor, loaders: new Loaders(), requestId: 'system', now: new Date(), log, locale: 'vi', services };
}
