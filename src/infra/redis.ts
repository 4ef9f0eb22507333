import { Redis } from 'ioredis';

/**
 * One Redis connection. BullMQ workers need `maxRetriesPerRequest: null`; the API side fails fast
 * so that a request never hangs on a Redis outage.
 */
export function createRedis(url: string, purpose: 'api' | 'worker'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'worker' ? null : 1,
    enableOfflineQueue: purpose === 'worker',
    lazyConnect: true,
    connectTimeout: 2_000,
  });
}

/** Connects before first use, so the first readiness check does not race the connection; a Redis that is
 * down does not stop the process: ioredis keeps reconnecting and /readyz says what is wrong. */
export async function connectRedis(redis: Redis): Promise<Error | null> {
  try {
    await redis.connect();
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`unexpected answer to PING: ${answer}`);
}
