import { Queue, Worker, type ConnectionOptions, type Job, type Processor, type RedisClient, type WorkerOptions } from 'bullmq';
import { withinTime } from './time-limit';

/** One queue per kind of work, so each gets its own concurrency and can be paused alone. */
export enum QueueName {
  Maintenance = 'maintenance',
  MediaImage = 'media-image',
  MediaVideo = 'media-video',
  MediaDocument = 'media-document',
  Titles = 'titles',
  Webhooks = 'webhooks',
  Reports = 'reports',
}

/** Every job's name: the API and the services add jobs under them, the workers' registry maps each to its handler. */
export enum JobName {
  PurgeRefreshTokens = 'auth.purge-refresh-tokens',
  MediaImageStep = 'media.image-step',
  MediaVideoStep = 'media.video-step',
  MediaDocumentStep = 'media.document-step',
  MediaReconcile = 'media.reconcile',
  MediaCleanupUploads = 'media.cleanup-uploads',
  RecalculateTitles = 'titles.recalculate',
  ScheduleTitleRuns = 'titles.schedule-monthly',
  DeliverWebhook = 'webhooks.deliver',
  RenderReportFile = 'reports.render-file',
}

export function bullConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; they must wait for it to come back, not give up.
    maxRetriesPerRequest: null,
  };
}

export function createQueue(name: QueueName, redisUrl: string, prefix: string): Queue {
  return new Queue(name, { prefix, connection: bullConnection(redisUrl), defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 } });
}

export function createWorker(name: QueueName, redisUrl: string, prefix: string, processor: Processor, concurrency: number, options: Partial<WorkerOptions> = {}): Worker {
  return new Worker(name, processor, { ...options, prefix, connection: bullConnection(redisUrl), concurrency, autorun: false });
}

/** Redis did not answer a queue call in time: the caller gets a coded error instead of waiting for the outage to end. */
export class QueueUnavailableError extends Error {
  constructor(queue: QueueName, ms: number) {
    super(`The job queue ${queue} did not answer within ${ms} ms; Redis is not reachable`);
  }
}

/**
 * Waits until the connection is ready, at most `ms`. A command sent while it is not would wait in
 * ioredis' offline queue and run whenever Redis is back, long after its caller was told it failed
 * (a pause answered QUEUE_UNAVAILABLE would pause the queue later).
 */
function readyWithin(client: RedisClient, ms: number, unavailable: () => Error): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(unavailable());
    }, ms);
    client.once('ready', onReady);
  });
}

/**
 * The queues a process adds jobs to or inspects (the API too), each opened on first use, so a
 * process that never touches one never connects for it; closed with the runtime.
 */
export class JobQueues {
  private readonly open = new Map<QueueName, Queue>();

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    /** How long a call may wait for Redis (QUEUE_ANSWER_MS). */
    private readonly answerWithinMs: number,
  ) {}

  /**
   * Runs one call on a queue, bounded in time: the connection must be ready within `answerWithinMs`
   * and the call answered within as long again, else QueueUnavailableError. (BullMQ's connections wait for Redis
   * without limit, which a request must not.)
   */
  async use<T>(name: QueueName, call: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = this.get(name);
    const unavailable = () => new QueueUnavailableError(name, this.answerWithinMs);
    await withinTime(queue.waitUntilReady(), this.answerWithinMs, unavailable);
    const client = await withinTime(queue.getBackend().client, this.answerWithinMs, unavailable);
    await readyWithin(client, this.answerWithinMs, unavailable);
    return withinTime(call(queue), this.answerWithinMs, unavailable);
  }

  get(name: QueueName): Queue {
    let queue = this.open.get(name);
    if (!queue) {
      queue = createQueue(name, this.redisUrl, this.prefix);
      // Errors of the connection are retried by ioredis; the calls that need Redis report them.
      queue.on('error', () => undefined);
      this.open.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map((queue) => queue.close()));
    this.open.clear();
  }
}

export type { Job };
