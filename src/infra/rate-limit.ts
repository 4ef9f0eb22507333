import type { Redis } from 'ioredis';
import type { Logger } from './logger';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
  allowed: boolean;
}

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows counted in Redis, so every API process shares the count. When Redis
 * does not answer the request is let through: an outage of the limiter must not become one of the API.
 * Such an outage is logged when it starts and when it ends, not for every request.
 */
export class RateLimiter {
  private openSince: Date | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  /** Since when requests go through uncounted because Redis does not answer; null while the limit holds. */
  get failingOpenSince(): Date | null {
    return this.openSince;
  }

  /** Spends `units` of the client's budget for this minute. */
  async hit(client: string, limit: number, units: number, now = Date.now()): Promise<RateLimitState | null> {
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const resetSeconds = Math.ceil((windowStart + WINDOW_MS - now) / 1000);
    const key = `${this.prefix}:ratelimit:${client}:${windowStart}`;
    try {
      const results = await this.redis.multi().incrby(key, units).pexpire(key, WINDOW_MS).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      if (this.openSince) {
        this.log.info({ since: this.openSince }, 'the rate limit is enforced again: Redis answers');
        this.openSince = null;
      }
      return { limit, remaining: Math.max(limit - count, 0), resetSeconds, allowed: count <= limit };
    } catch (error) {
      if (!this.openSince) {
        this.openSince = new Date(now);
        this.log.warn({ err: error }, 'the rate limit is not enforced: Redis does not answer, requests go through uncounted');
      }
      return null;
    }
  }
}
