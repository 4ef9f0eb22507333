import type { SignedUrlExpiries } from '../core/context';

/**
 * What a GraphQL response depends on besides its URL: who asks (a token, an API key), the language
 * of its labels and messages, and the origin (CORS headers are only sent to a request with one).
 */
export const VARY = 'Authorization, X-Api-Key, Accept-Language, Origin';

export const NOT_CACHEABLE = 'private, no-store';

/** The earliest expiry of the signed URLs a response carries. */
export class SignedUrlLifetime implements SignedUrlExpiries {
  private earliestMs: number | null = null;

  expiresAt(at: Date): void {
    if (this.earliestMs === null || at.getTime() < this.earliestMs) this.earliestMs = at.getTime();
  }

  /** Null when the response has no signed URL. */
  get validUntilMs(): number | null {
    return this.earliestMs;
  }
}

/** What decides whether a response may be shared by caches. */
export interface AnsweredRequest {
  method: string;
  /** Whether the request carried an Authorization header or an API key. */
  identified: boolean;
  /** Whether it was sent as a persisted query (by its hash). */
  persisted: boolean;
  /** Whether the response holds errors. */
  failed: boolean;
}

/**
 * The Cache-Control of a GraphQL response. Only a signed-out persisted GET answered without errors
 * is the same for everyone, so only it is `public`; for no longer than `publicSeconds` nor than the
 * first of its signed URLs still works. Anything else is `private, no-store`.
 */
export function cacheControlOf(request: AnsweredRequest, publicSeconds: number, urlsValidUntilMs: number | null, nowMs: number): string {
  if (request.method !== 'GET' || request.identified || !request.persisted || request.failed) return NOT_CACHEABLE;
  const urlSeconds = urlsValidUntilMs === null ? Number.POSITIVE_INFINITY : Math.floor((urlsValidUntilMs - nowMs) / 1000);
  const maxAge = Math.min(publicSeconds, urlSeconds);
  return maxAge > 0 ? `public, max-age=${maxAge}` : NOT_CACHEABLE;
}
