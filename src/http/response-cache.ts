import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { localeFrom } from '../core/locale';

/** The generation of the public data (src/app/public-changes.ts), as the cache reads it. */
export interface PublicGeneration {
  readonly generation: number;
  /** False while changes made in other processes might go unseen: nothing is served then. */
  readonly following: boolean;
}

/** An answer as kept: its data already serialised, so a hit costs no serialisation of it. */
interface CachedAnswer {
  generation: number;
  storedAtMs: number;
  expiresAtMs: number;
  cacheControl: string;
  dataJson: string;
  /** The answer's extensions but the request's own ones (requestId, sqlStatements). */
  extensions: Record<string, unknown>;
}

/** What a request the cache may answer is looked up by, and the generation it began at. */
export interface CacheSlot {
  key: string;
  generation: number;
}

/** Apollo's CSRF prevention lets a GET through with one of these; a GET without them is left to Apollo to refuse or not. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

const PUBLIC_MAX_AGE = /^public, max-age=(\d+)$/;

function persistedHashOf(extensions: unknown): string | null {
  if (typeof extensions !== 'string') return null;
  try {
    const parsed = JSON.parse(extensions) as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null;
    const persisted = parsed?.persistedQuery;
    return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
  } catch {
    return null;
  }
}

/**
 * Answers of signed-out persisted GET queries, in this process, at most `capacity` of them (the least recently used
 * go first). An answer is kept only when it was given without errors and with a public Cache-Control, for as long as
 * that allows, and is served only at the generation of the public data it was made at: a commit that changes public
 * data anywhere ends every answer made before it. A hit still spends the caller's rate limit (the middleware runs
 * after the budget is spent) and tells caches its age.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();

  constructor(
    private readonly capacity: number,
    private readonly publicData: PublicGeneration,
    private readonly exposeQueryStats: boolean,
    /** Signed URLs are signed anew each window and stay valid one window more (src/infra/signing-window.ts). */
    private readonly signingWindowMs: number,
  ) {}

  /** The slot of a request whose answer may come from, or go to, the cache; null for any other. */
  slotOf(request: Request): CacheSlot | null {
    if (this.capacity === 0 || !this.publicData.following || request.method !== 'GET') return null;
    if (request.headers.authorization || request.headers['x-api-key']) return null;
    if (!PREFLIGHT_HEADERS.some((name) => Boolean(request.header(name)))) return null;
    const hash = persistedHashOf(request.query.extensions);
    const { query, variables, operationName } = request.query;
    // A text sent with a hash it does not match is Apollo's to refuse.
    if (!hash || (query !== undefined && (typeof query !== 'string' || createHash('sha256').update(query).digest('hex') !== hash))) return null;
    const key = JSON.stringify([hash, typeof operationName === 'string' ? operationName : null, typeof variables === 'string' ? variables : null, localeFrom(request.header('accept-language'))]);
    return { key, generation: this.publicData.generation };
  }

  /** Answers a request from the cache when it holds a fresh answer for it; otherwise passes it on with its slot in `response.locals.cacheSlot`. */
  middleware(): RequestHandler {
    return (request, response, next) => {
      const slot = this.slotOf(request);
      if (!slot) return next();
      const now = Date.now();
      const entry = this.entries.get(slot.key);
      if (!entry || entry.generation !== slot.generation || entry.expiresAtMs <= now) {
        if (entry) this.entries.delete(slot.key);
        response.locals.cacheSlot = slot;
        return next();
      }
      // Most recently used last, so eviction takes the first.
      this.entries.delete(slot.key);
      this.entries.set(slot.key, entry);
      const extensions: Record<string, unknown> = { ...entry.extensions, requestId: response.locals.requestId as string };
      if (this.exposeQueryStats) extensions.sqlStatements = 0;
      response.setHeader('cache-control', entry.cacheControl);
      response.setHeader('age', String(Math.floor((now - entry.storedAtMs) / 1000)));
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.status(200).end(`{"data":${entry.dataJson},"extensions":${JSON.stringify(extensions)}}`);
    };
  }

  /**
   * Keeps an answer given to a request with a slot, when its Cache-Control is public; the answer must be without errors.
   * One with signed URLs is kept only until their window ends, so that every answer of the next window, from any
   * process, carries that window's URLs.
   */
  store(slot: CacheSlot, cacheControl: string, urlsValidUntilMs: number | null, data: unknown, extensions: Record<string, unknown> | undefined): void {
    const maxAge = PUBLIC_MAX_AGE.exec(cacheControl);
    if (!maxAge || slot.generation !== this.publicData.generation) return;
    const { requestId: _requestId, sqlStatements: _sqlStatements, ...kept } = extensions ?? {};
    const now = Date.now();
    this.entries.delete(slot.key);
    const windowEndsMs = urlsValidUntilMs === null ? Number.POSITIVE_INFINITY : urlsValidUntilMs - this.signingWindowMs;
    const expiresAtMs = Math.min(now + Number(maxAge[1]) * 1000, windowEndsMs);
    this.entries.set(slot.key, { generation: slot.generation, storedAtMs: now, expiresAtMs, cacheControl, dataJson: JSON.stringify(data), extensions: kept });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
