import { Queue, Worker, type ConnectionOptions, type Job, type JobsOptions, type Processor, type WorkerOptions } from 'bullmq';

/** One queue per kind of work, so each gets its own concurrency and can be paused alone. */
export enum QueueName {
  Maintenance = 'maintenance',
  Titles = 'titles',
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

/** The queues a process adds jobs to (the API too), opened on first use and closed with the runtime. */
export class JobQueues {
  private readonly open = new Map<QueueName, Queue>();

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  async add(queue: QueueName, name: string, data: object, options: JobsOptions): Promise<void> {
    let opened = this.open.get(queue);
    if (!opened) {
      opened = createQueue(queue, this.redisUrl, this.prefix);
      this.open.set(queue, opened);
    }
    await opened.add(name, data, options);
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map((queue) => queue.close()));
    this.open.clear();
  }
}

export type { Job };
