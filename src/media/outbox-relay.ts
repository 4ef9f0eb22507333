import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueueName } from '../infra/queue';
import type { Logger } from '../infra/logger';
import { startPeriodic, type PeriodicTask } from '../infra/periodic';
import type { JobQueues } from '../infra/queue';

export interface Retries {
  attempts: number;
  /** Base of the exponential backoff between attempts. */
  backoffMs: number;
}

export interface RelayOptions {
  /** How the jobs of each queue are retried. */
  retries(queue: QueueName): Retries;
}

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  data: Record<string, unknown>;
  priority: number;
}

/**
 * Hands outbox rows to BullMQ, oldest first, and deletes the rows it handed over. A row is deleted
 * only after Redis took its job, and job ids are deterministic, so relaying a row twice (two
 * relays, a crash between add and delete) still makes one job. Returns how many it relayed.
 */
export async function relayOutbox(em: EntityManager, queues: JobQueues, options: RelayOptions, batch = 100): Promise<number> {
  const rows = await em.execute<OutboxRow[]>('select id, queue, job_name, job_id, data, priority from job_outbox order by created_at, id limit ?', [batch]);
  if (!rows.length) return 0;
  const byQueue = new Map<string, OutboxRow[]>();
  for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
  for (const [queue, jobs] of byQueue) {
    const { attempts, backoffMs } = options.retries(queue as QueueName);
    await queues.use(queue as QueueName, (target) =>
      target.addBulk(
        jobs.map((job) => ({
          name: job.job_name,
          data: job.data,
          opts: { jobId: job.job_id, priority: job.priority, attempts, backoff: { type: 'exponential', delay: backoffMs } },
        })),
      ),
    );
  }
  await em.execute('delete from job_outbox where id = any(?::uuid[])', [`{${rows.map((row) => row.id).join(',')}}`]);
  return rows.length;
}

/** Polls the outbox while the process runs; a Redis outage only delays the jobs. */
export function startOutboxRelay(fork: () => EntityManager, queues: JobQueues, options: RelayOptions & { intervalMs: number }, log: Logger): PeriodicTask {
  return startPeriodic(
    async (stopped) => {
      while (!stopped() && (await relayOutbox(fork(), queues, options)) > 0);
    },
    options.intervalMs,
    log,
    { failing: 'outbox relay failed; the jobs stay in the outbox and are tried again', recovered: 'outbox relay works again' },
  );
}
