import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../core/config';
import { ENTITIES } from './entities';
import { migrate, openDatabase } from '../infra/database';
import { createLogger, type Logger } from '../infra/logger';
import { JobQueues } from '../infra/queue';
import { connectRedis, createRedis } from '../infra/redis';
import { openRuntime, type Runtime } from './runtime';
import { createServices, type Services } from './services';
import { Shutdown } from './shutdown';

/** Runs a CLI's main and exits non-zero with the error's message (not a stack) when it fails. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

export interface DatabaseTool {
  config: Config;
  log: Logger;
  orm: MikroORM;
  services: Services;
}

/** For one-shot tools: a migrated database and the services, closed when `work` ends. */
export function runDatabaseTool(work: (tool: DatabaseTool) => Promise<void>, logLevel?: string): void {
  runCli(async () => {
    const config = loadConfig();
    const log = createLogger(logLevel ?? config.logLevel);
    const orm = await openDatabase(config, ENTITIES, log);
    // Opened only if a tool adds a job; none of today's does.
    const queues = new JobQueues(config.redisUrl, config.queuePrefix, config.queueAnswerMs);
    // A tool that changes public data tells the API processes' response caches through Redis; down, it only warns.
    const redis = createRedis(config.redisUrl, 'api');
    const redisError = await connectRedis(redis);
    if (redisError) log.warn({ err: redisError }, 'Redis is not reachable: API processes will not hear of public data this tool changes');
    const services = createServices(config, null, queues, redis, log);
    orm.em.getEventManager().registerSubscriber(services.publicChanges.subscriber());
    try {
      await migrate(orm, log);
      await work({ config, log, orm, services });
    } finally {
      await services.events.close();
      redis.disconnect();
      await queues.close();
      await orm.close();
    }
  });
}

export interface LongRunningProcess {
  config: Config;
  log: Logger;
  runtime: Runtime;
  shutdown: Shutdown;
}

/**
 * For the api, worker and all-in-one processes: graceful shutdown installed first, then the
 * runtime (closed last on shutdown); `start` adds what it starts to `shutdown`.
 */
export function runProcess(options: { migrate: boolean; redisPurpose: 'api' | 'worker' }, start: (process: LongRunningProcess) => Promise<void>): void {
  runCli(async () => {
    const config = loadConfig();
    const log = createLogger(config.logLevel);
    const shutdown = new Shutdown(log, config.shutdownGraceMs);
    const runtime = await openRuntime(config, { ...options, log });
    shutdown.add(() => runtime.close());
    await start({ config, log, runtime, shutdown });
  });
}
