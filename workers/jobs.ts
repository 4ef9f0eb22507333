import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../src/infra/logger';
import { QueueName } from '../src/infra/queue';
import type { Services } from '../src/services';

export enum JobName {
  PurgeRefreshTokens = 'auth.purge-refresh-tokens',
  MediaImageStep = 'media.image-step',
  MediaVideoStep = 'media.video-step',
  MediaDocumentStep = 'media.document-step',
  MediaReconcile = 'media.reconcile',
  MediaCleanupUploads = 'media.cleanup-uploads',
}

/** What a job handler gets: its own EntityManager fork, never one shared across jobs. */
export interface JobContext {
  em: EntityManager;
  log: Logger;
  services: Services;
  now: Date;
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
