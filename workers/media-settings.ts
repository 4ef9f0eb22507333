import type { WorkerOptions } from 'bullmq';
import type { Config } from '../src/config';
import { QueueName } from '../src/infra/queue';

/** Concurrency (from configuration) and lock settings of the media queues; null for other queues. */
export function mediaWorkerSettings(config: Config, name: QueueName): { concurrency: number; options: Partial<WorkerOptions> } | null {
  // A worker that dies loses its lock after lockMs; another worker then takes the job over.
  const options: Partial<WorkerOptions> = { lockDuration: config.media.lockMs, stalledInterval: config.media.lockMs, maxStalledCount: 2 };
  switch (name) {
    case QueueName.MediaImage:
      return { concurrency: config.media.concurrency.image, options };
    case QueueName.MediaVideo:
      return { concurrency: config.media.concurrency.video, options };
    case QueueName.MediaDocument:
      return { concurrency: config.media.concurrency.document, options };
    case QueueName.Maintenance:
      return null;
  }
}
