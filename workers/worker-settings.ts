import type { WorkerOptions } from 'bullmq';
import type { Config } from '../src/core/config';
import { QueueName } from '../src/infra/queue';
import type { Retries } from '../src/media/outbox-relay';

export interface WorkerSettings {
  concurrency: number;
  options: Partial<WorkerOptions>;
  /** How a job of the queue is retried when it throws (set on the job when the outbox relay queues it). */
  retries: Retries;
}

/**
 * Concurrency, lock and retry settings of each queue's worker. A job's lock is renewed at half its
 * duration; a killed worker's job is taken over by another worker once the lock lapses.
 */
export function workerSettings(config: Config, name: QueueName): WorkerSettings {
  const media: Partial<WorkerOptions> = { lockDuration: config.media.lockMs, stalledInterval: config.media.lockMs, maxStalledCount: 2 };
  const retries: Retries = { attempts: config.media.attempts, backoffMs: config.media.retryBackoffMs };
  switch (name) {
    case QueueName.Maintenance:
      return { concurrency: 1, options: {}, retries };
    case QueueName.MediaImage:
      return { concurrency: config.media.concurrency.image, options: media, retries };
    case QueueName.MediaVideo:
      return { concurrency: config.media.concurrency.video, options: media, retries };
    case QueueName.MediaDocument:
      return { concurrency: config.media.concurrency.document, options: media, retries };
    case QueueName.Titles:
      return { concurrency: 1, options: { lockDuration: config.titles.jobLockMs, stalledInterval: config.titles.jobLockMs }, retries };
    case QueueName.Webhooks:
      // A receiver that is down for hours is retried for hours: the endpoint's own schedule.
      return { concurrency: config.webhooks.concurrency, options: {}, retries: { attempts: config.webhooks.maxAttempts, backoffMs: config.webhooks.retryBackoffMs } };
    case QueueName.Reports:
      // Rendering is CPU-bound (charts, PDF layout): one at a time per worker.
      return { concurrency: 1, options: {}, retries };
  }
}
