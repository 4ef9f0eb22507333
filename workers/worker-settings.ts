import type { WorkerOptions } from 'bullmq';
import type { Config } from '../src/core/config';
import { QueueName } from '../src/infra/queue';

export interface WorkerSettings {
  concurrency: number;
  options: Partial<WorkerOptions>;
}

/**
 * Concurrency and lock settings of each queue's worker. A job's lock is renewed at half its
 * duration; a killed worker's job is taken over by another worker once the lock lapses.
 */
export function workerSettings(config: Config, name: QueueName): WorkerSettings {
  const media: Partial<WorkerOptions> = { lockDuration: config.media.lockMs, stalledInterval: config.media.lockMs, maxStalledCount: 2 };
  switch (name) {
    case QueueName.Maintenance:
      return { concurrency: 1, options: {} };
    case QueueName.MediaImage:
      return { concurrency: config.media.concurrency.image, options: media };
    case QueueName.MediaVideo:
      return { concurrency: config.media.concurrency.video, options: media };
    case QueueName.MediaDocument:
      return { concurrency: config.media.concurrency.document, options: media };
    case QueueName.Titles:
      return { concurrency: 1, options: { lockDuration: config.titles.jobLockMs, stalledInterval: config.titles.jobLockMs } };
    case QueueName.Webhooks:
      return { concurrency: config.webhooks.concurrency, options: {} };
    case QueueName.Reports:
      // Rendering is CPU-bound (charts, PDF layout): one at a time per worker.
      return { concurrency: 1, options: {} };
  }
}
