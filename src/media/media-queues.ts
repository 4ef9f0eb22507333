import type { Queue } from 'bullmq';
import { createQueue, type QueueName } from '../infra/queue';

/** Producers for the queues, opened on first use and closed with the process. */
export class MediaQueues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = createQueue(name, this.redisUrl, this.prefix);
      // Errors of the connection are retried by ioredis; the calls that need Redis report them.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((queue) => queue.close()));
  }
}
