import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Actor } from './actor';
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
  /** The client's address (as TRUST_PROXY_HOPS lets it be read), for limits per address; absent outside HTTP requests. */
  clientAddress?: string;
  services: ContextServices;
  /** Told the expiry of every signed URL put in the response, so a cache keeps it no longer; absent outside HTTP requests. */
  signedUrls?: SignedUrlExpiries;
}

/** Collects when the signed URLs of a response stop working. */
export interface SignedUrlExpiries {
  expiresAt(at: Date): void;
}

/**
 * The process's services as seen from a context. Empty here on purpose: the composition root
 * (`src/app/services.ts`) merges its `Services` into it, so domain code reaches other services through
 * the context without importing the root that imports every domain.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in the composition root
export interface ContextServices {}
