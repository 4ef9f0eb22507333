import type { Redis } from 'ioredis';

const READY_TIMEOUT_MS = 10_000;

/**
 * Resolves once the client is connected. A test that cut Redis off leaves its clients
 * reconnecting with backoff, and commands sent meanwhile fail at once (no offline queue).
 */
async function ready(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis did not reconnect within ${READY_TIMEOUT_MS} ms (status ${redis.status})`));
    }, READY_TIMEOUT_MS);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/** Deletes every key under a prefix, so test runs leave nothing behind in the shared Redis. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  await ready(redis);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
