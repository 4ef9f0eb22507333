import { Redis } from 'ioredis';

/**
 * One Redis connection. BullMQ workers need `maxRetriesPerRequest: null`; the API side fails fast
 * so that a request never hangs on a Redis outage.
 */
export function createRedis(url: string, purpose: 'api' | 'worker'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'worker' ? null : 1,
    enableOfflineQueue: purpose === 'worker',
    lazyConnect: false,
    connectTimeout: 2_000,
  });
}

export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`unexpected answer to PING: ${answer}`);
}
