import type { Redis } from 'ioredis';

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
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(client: string, limit: number, now = Date.now()): Promise<RateLimitState | null> {
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const resetSeconds = Math.ceil((windowStart + WINDOW_MS - now) / 1000);
    const key = `${this.prefix}:ratelimit:${client}:${windowStart}`;
    try {
      const results = await this.redis.multi().incr(key).pexpire(key, WINDOW_MS).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return { limit, remaining: Math.max(limit - count, 0), resetSeconds, allowed: count <= limit };
    } catch {
      return null;
    }
  }
}
