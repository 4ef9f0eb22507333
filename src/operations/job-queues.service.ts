import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { isProvinceAdmin } from '../core/actor';
import { QueueName, type JobQueues } from '../infra/queue';

export interface QueueCounts {
  waiting: number;
  prioritized: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface QueueState {
  name: QueueName;
  paused: boolean;
  counts: QueueCounts;
}

export interface FailedJob {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
  data: string;
}

function requireAdmin(ctx: RequestContext): void {
  if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only province administrators see and steer the job queues');
}

/** The job queues as province administrators see them: counts, failures, retry, pause and resume. */
export class JobQueueService {
  constructor(private readonly queues: JobQueues) {}

  async list(ctx: RequestContext): Promise<QueueState[]> {
    requireAdmin(ctx);
    return Promise.all(Object.values(QueueName).map((name) => this.stateOf(name)));
  }

  /** The most recent failed jobs of a queue, with their reasons. */
  async failed(ctx: RequestContext, name: QueueName, limit: number): Promise<FailedJob[]> {
    requireAdmin(ctx);
    const jobs = await this.queues.use(name, (queue) => queue.getFailed(0, limit - 1));
    return jobs.map((job) => ({
      id: job.id ?? '',
      name: job.name,
      failedReason: job.failedReason ?? '',
      attemptsMade: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
      data: JSON.stringify(job.data),
    }));
  }

  /** Runs a failed job again (BullMQ's retry: same id, attempts counted afresh). */
  async retry(ctx: RequestContext, name: QueueName, jobId: string): Promise<QueueState> {
    requireAdmin(ctx);
    const job = await this.queues.use(name, (queue) => queue.getJob(jobId));
    if (!job) throw new NotFoundError('The job');
    if (!(await this.queues.use(name, () => job.isFailed()))) throw new UserInputError('JOB_NOT_FAILED', ['jobId']);
    // Counted afresh, so the job gets every attempt again (BullMQ would otherwise fail it for good at its first error).
    await this.queues.use(name, () => job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }));
    return this.stateOf(name);
  }

  async pause(ctx: RequestContext, name: QueueName): Promise<QueueState> {
    requireAdmin(ctx);
    await this.queues.use(name, (queue) => queue.pause());
    return this.stateOf(name);
  }

  async resume(ctx: RequestContext, name: QueueName): Promise<QueueState> {
    requireAdmin(ctx);
    await this.queues.use(name, (queue) => queue.resume());
    return this.stateOf(name);
  }

  private async stateOf(name: QueueName): Promise<QueueState> {
    const [counts, paused] = await this.queues.use(name, (queue) =>
      Promise.all([queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'), queue.isPaused()]),
    );
    return {
      name,
      paused,
      counts: {
        waiting: counts.waiting ?? 0,
        prioritized: counts.prioritized ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      },
    };
  }
}
