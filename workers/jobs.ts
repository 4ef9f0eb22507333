import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../src/infra/logger';
import { JobName, QueueName } from '../src/infra/queue';
import type { Services } from '../src/app/services';

export { JobName };

/** What a job handler gets: its own EntityManager fork, never one shared across jobs. */
export interface JobContext {
  em: EntityManager;
  log: Logger;
  services: Services;
  now: Date;
  /** Reports progress through the job (BullMQ's updateProgress). */
  progress(progress: object): Promise<void>;
  /** True when a throw now fails the job for good (no retry left). */
  finalAttempt: boolean;
}

/** Expected outcomes; only the unexpected throws, so that BullMQ retries it. */
export type JobOutcome = { status: 'done'; detail?: Record<string, unknown> } | { status: 'skipped'; reason: string };

export interface JobHandler {
  queue: QueueName;
  run(ctx: JobContext, data: unknown): Promise<JobOutcome>;
}

export interface JobSchedule {
  id: string;
  job: JobName;
  /** Cron pattern, read in Asia/Ho_Chi_Minh. */
  pattern: string;
}
