import { Queue, Worker, type ConnectionOptions, type Job, type Processor, type WorkerOptions } from 'bullmq';

/** One queue per kind of work, so each gets its own concurrency and can be paused alone. */
export enum QueueName {
  Maintenance = 'maintenance',
  MediaImage = 'media-image',
  MediaVideo = 'media-video',
  MediaDocument = 'media-document',
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
  return new Worker(name, processor, { prefix, connection: bullConnection(redisUrl), concurrency, autorun: false, ...options });
}

export type { Job };
