import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../infra/logger';
import type { Actor } from '../auth/actor';
import type { Services } from '../services';
import type { Loaders } from './loaders';
import type { Locale } from './locale';

/** What every service method gets first: the request's (or job's) own EntityManager and actor. */
export interface RequestContext {
  em: EntityManager;
  actor: Actor | null;
  loaders: Loaders;
  requestId: string;
  /** The request's clock, read once so every part of a request agrees on "now". */
  now: Date;
  log: Logger;
  locale: Locale;
  services: Services;
}
