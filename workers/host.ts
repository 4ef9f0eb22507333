import type { Queue, Worker } from 'bullmq';
import { checkFfmpeg, ffmpegBinaries } from '../src/infra/ffmpeg';
import { growHeapForMediaBuffers } from '../src/infra/heap-growth';
import { createQueue, createWorker, QueueName, type Job } from '../src/infra/queue';
import type { Runtime } from '../src/app/runtime';
import type { JobOutcome } from './jobs';
import { handlerFor, HANDLERS, SCHEDULES } from './registry';
import { startOutboxRelay } from '../src/media/outbox-relay';
import { startPeriodic } from '../src/infra/periodic';
import { workerSettings } from './worker-settings';

export interface WorkerHost {
  queues: Map<QueueName, Queue>;
  /** Lets running jobs finish, then closes the workers and queues. */
  close(): Promise<void>;
}

/** How long ffmpeg may take to list its encoders at start (a cold disk, a busy machine). */
const FFMPEG_CHECK_TIMEOUT_MS = 30_000;

/**
 * Starts one BullMQ worker per queue that has handlers, and upserts the job schedulers. Refuses to
 * start when ffmpeg cannot make the renditions, rather than fail every video and audio later.
 */
export async function startWorkers(runtime: Runtime): Promise<WorkerHost> {
  const { config, log } = runtime;
  const tools = await checkFfmpeg(ffmpegBinaries(config.media), FFMPEG_CHECK_TIMEOUT_MS);
  log.info(tools, `media tools: ffmpeg ${tools.ffmpegVersion} at ${tools.ffmpeg}, ffprobe ${tools.ffprobeVersion} at ${tools.ffprobe}`);
  growHeapForMediaBuffers();
  const queueNames = [...new Set(Object.values(HANDLERS).map((handler) => handler.queue))];
  const queues = new Map(queueNames.map((name) => [name, createQueue(name, config.redisUrl, config.queuePrefix)]));
  const workers: Worker[] = [];

  for (const name of queueNames) {
    const worker = createWorker(
      name,
      config.redisUrl,
      config.queuePrefix,
      async (job: Job): Promise<JobOutcome> => {
        const handler = handlerFor(job.name);
        if (!handler || handler.queue !== name) throw new Error(`no handler for job ${job.name} on queue ${name}`);
        const jobLog = log.child({ queue: name, job: job.name, jobId: job.id });
        const outcome = await handler.run(
          {
            em: runtime.orm.em.fork(),
            log: jobLog,
            services: runtime.services,
            now: new Date(),
            progress: (progress) => job.updateProgress(progress),
            finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          },
          job.data,
        );
        jobLog.info({ outcome }, 'job finished');
        return outcome;
      },
      workerSettings(config, name).concurrency,
      workerSettings(config, name).options,
    );
    worker.on('failed', (job, error) => log.error({ queue: name, job: job?.name, jobId: job?.id, err: error }, 'job failed'));
    worker.on('error', (error) => log.error({ queue: name, err: error }, 'worker error'));
    workers.push(worker);
    void worker.run();
  }

  for (const schedule of SCHEDULES) {
    const queue = queues.get(HANDLERS[schedule.job].queue) as Queue;
    await queue.upsertJobScheduler(schedule.id, { pattern: schedule.pattern, tz: 'Asia/Ho_Chi_Minh' }, { name: schedule.job, data: {} });
  }
  const relay = startOutboxRelay(
    () => runtime.orm.em.fork(),
    runtime.services.queues,
    { retries: (queue) => workerSettings(config, queue).retries, intervalMs: config.media.relayIntervalMs },
    log,
  );
  const titleRuns = startPeriodic(
    async () => {
      await runtime.services.titles.runs.dispatchQueued(runtime.orm.em.fork());
    },
    config.titles.dispatchIntervalMs,
    log,
    { failing: 'queued titles runs could not be dispatched; they stay QUEUED and are tried again', recovered: 'queued titles runs are dispatched again' },
  );
  log.info({ queues: queueNames }, 'workers started');

  return {
    queues,
    async close() {
      await Promise.all([relay.stop(), titleRuns.stop()]);
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
