import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaStepName } from './media.enums';
import { MEDIA_JOB_OF_QUEUE, queueOfStep, stepJobId } from './media-kinds';
import { OutboxJob } from './outbox.entity';

/** Why steps are queued: new uploads go ahead of reprocessing. */
export enum QueuePurpose {
  UPLOAD = 'UPLOAD',
  REPROCESS = 'REPROCESS',
}

/** BullMQ's lowest priority is 2^21; reprocessing sits above every upload's. */
const REPROCESS_BASE = 1_000_000;

/**
 * Priority of a step of an institution's asset (1 is first): one more than the institution's
 * steps already waiting, so an archive of 500 files from one institution does not hold back
 * another institution's first upload.
 */
export function fairPriority(backlog: number, purpose: QueuePurpose): number {
  const rank = 1 + Math.min(backlog, REPROCESS_BASE - 1);
  return purpose === QueuePurpose.UPLOAD ? rank : REPROCESS_BASE + rank;
}

export interface StepJobData {
  assetId: string;
  step: MediaStepName;
  dispatch: number;
}

/** Records the jobs of steps in the outbox, in the caller's transaction. */
export async function enqueueSteps(
  em: EntityManager,
  institutionId: string,
  steps: { assetId: string; step: MediaStepName; dispatch: number }[],
  purpose: QueuePurpose,
): Promise<void> {
  const [row] = await em.execute<{ backlog: string }[]>(
    `select count(*) as backlog from media_step s join media_asset a on a.id = s.asset_id
      where a.institution_id = ? and s.status in ('PENDING', 'PROCESSING') and s.asset_id <> all(?::uuid[])`,
    [institutionId, `{${steps.map((s) => s.assetId).join(',')}}`],
  );
  const backlog = Number(row?.backlog ?? 0);
  for (const step of steps) {
    const queue = queueOfStep(step.step);
    const data: StepJobData = { assetId: step.assetId, step: step.step, dispatch: step.dispatch };
    em.create(OutboxJob, { queue, jobName: MEDIA_JOB_OF_QUEUE[queue], jobId: stepJobId(step.assetId, step.step, step.dispatch), data: { ...data }, priority: fairPriority(backlog, purpose) });
  }
  await em.flush();
}
