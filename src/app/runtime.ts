import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { Config } from '../core/config';
import { ENTITIES } from './entities';
import { migrate, openDatabase } from '../infra/database';
import { startEmbeddedS3, type EmbeddedS3 } from '../infra/embedded-s3';
import { createLogger, type Logger } from '../infra/logger';
import { JobQueues } from '../infra/queue';
import { connectRedis, createRedis } from '../infra/redis';
import { Storage } from '../infra/storage';
import { createServices, type Services } from './services';

/** Everything a process (api, worker or both) holds open, and how to close it in order. */
export interface Runtime {
  config: Config;
  log: Logger;
  orm: MikroORM;
  redis: Redis;
  storage: Storage;
  /** Queues this process adds jobs to. */
  queues: JobQueues;
  services: Services;
  close(): Promise<void>;
}

/**
 * Opens the connections a process needs: starts the embedded S3 server when S3_ENDPOINT is
 * unset, creates the database when missing, and migrates it when asked.
 */
export async function openRuntime(config: Config, options: { migrate: boolean; redisPurpose: 'api' | 'worker'; log?: Logger }): Promise<Runtime> {
  const log = options.log ?? createLogger(config.logLevel);
  let embedded: EmbeddedS3 | null = null;
  if (!config.s3.endpoint) {
    embedded = await startEmbeddedS3(config.dataDir, config.s3.embeddedPort, config.s3);
    log.info({ endpoint: embedded.endpoint }, 'started the embedded S3 server (s3rver)');
  }
  const storage = Storage.connect(config.s3, config.s3.endpoint ?? (embedded as EmbeddedS3).endpoint, embedded !== null);
  await storage.ensureBucket();
  const orm = await openDatabase(config, ENTITIES, log);
  if (options.migrate) await migrate(orm, log);
  const redis = createRedis(config.redisUrl, options.redisPurpose);
  const redisError = await connectRedis(redis);
  if (redisError) log.warn({ err: redisError }, 'Redis is not reachable yet; retrying in the background');
  const queues = new JobQueues(config.redisUrl, config.queuePrefix, config.queueAnswerMs);
  const services = createServices(config, storage, queues, redis, log);
  orm.em.getEventManager().registerSubscriber(services.publicChanges.subscriber());
  return {
    config,
    log,
    orm,
    redis,
    storage,
    queues,
    services,
    async close() {
      await services.events.close();
      await queues.close();
      redis.disconnect();
      await orm.close();
      await embedded?.close();
    },
  };
}
