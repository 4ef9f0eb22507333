import { QueueName } from '../src/infra/queue';
import type { StepJobData } from '../src/media/outbox';
import { queueOfStep, stepJobId } from '../src/media/media-kinds';
import type { JobHandler } from './jobs';

function stepHandler(queue: QueueName): JobHandler {
  return {
    queue,
    run: (ctx, data) => ctx.services.steps.run(ctx.em, ctx.log, data as StepJobData),
  };
}

/** One step of an asset's processing, one handler per media queue. */
export const mediaImageStep = stepHandler(QueueName.MediaImage);
export const mediaVideoStep = stepHandler(QueueName.MediaVideo);
export const mediaDocumentStep = stepHandler(QueueName.MediaDocument);

/** Steps untouched this long with no job are re-queued by the reconciler. */
const RECONCILE_AFTER_MS = 5 * 60_000;
const ALIVE = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/** Re-queues steps left PENDING/PROCESSING whose job is gone (a crash, a lost Redis). */
export const mediaReconcile: JobHandler = {
  queue: QueueName.Maintenance,
  async run(ctx) {
    const requeued = await ctx.em.transactional((em) =>
      ctx.services.processing.reconcile(em, RECONCILE_AFTER_MS, async (step) => {
        const queueJob = await ctx.services.queues.get(queueOfStep(step.name)).getJob(stepJobId(step.asset.id, step.name, step.dispatch));
        return !!queueJob && ALIVE.has(await queueJob.getState());
      }),
    );
    return { status: 'done', detail: { requeued } };
  },
};

/** Deletes uploads never completed, and their files. */
export const mediaCleanupUploads: JobHandler = {
  queue: QueueName.Maintenance,
  async run(ctx) {
    const deleted = await ctx.services.uploads.cleanupAbandoned(ctx.em, ctx.now);
    return { status: 'done', detail: { deleted } };
  },
};
