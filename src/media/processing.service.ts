import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaConfig } from '../core/config';
import type { EventBus } from '../infra/events';
import type { RequestContext } from '../core/context';
import { ForbiddenError, UserInputError } from '../core/errors';
import { MediaAsset, MediaStep } from './media-asset.entity';
import { type MediaFailureReason, MediaStatus, type MediaStepName } from './media.enums';
import { managesMediaOf, type MediaReadService } from './media-read.service';
import { stepJobId } from './media-kinds';
import { enqueueSteps, QueuePurpose } from './outbox';

/** The channel of the events of an asset's processing: each carries nothing but says that a step or the asset changed state. */
export function assetChannel(assetId: string): string {
  return `media-asset:${assetId}`;
}

/** The state of a step run, as a worker sees it when it starts. */
export interface ClaimedStep {
  attempts: number;
}

/**
 * The processing state of assets: steps claimed, finished or failed by workers, re-queued by
 * people (retry) and by the reconciler. PostgreSQL holds the truth; jobs only carry ids.
 */
export class ProcessingService {
  constructor(
    private readonly config: MediaConfig,
    private readonly read: MediaReadService,
    private readonly events: EventBus,
  ) {}

  /**
   * Idempotent. Marks a step PROCESSING for the run of job `dispatch`; null when the job is stale
   * (the step was queued again since) or the step is already READY. A FAILED step of this very
   * dispatch is claimed afresh (attempts from 1, its asset and resources processing again): its
   * job failed for good and someone ran that job again (`retryFailedJob`).
   */
  async claim(em: EntityManager, assetId: string, step: MediaStepName, dispatch: number): Promise<ClaimedStep | null> {
    const rows = await em.execute<{ attempts: number; was: MediaStatus }[]>(
      `with old as (select id, status from media_step where asset_id = ? and name = ? and dispatch = ? for update)
       update media_step s set status = 'PROCESSING', attempts = case when old.status = 'FAILED' then 1 else s.attempts + 1 end, updated_at = now()
         from old where s.id = old.id and old.status in ('PENDING', 'PROCESSING', 'FAILED') returning s.attempts, old.status as was`,
      [assetId, step, dispatch],
    );
    if (!rows[0]) return null;
    const retried = rows[0].was === MediaStatus.FAILED;
    await em.execute(`update media_asset set status = 'PROCESSING', updated_at = now() where id = ? and status in (?, ?)`, [assetId, MediaStatus.PENDING, retried ? MediaStatus.FAILED : MediaStatus.PENDING]);
    if (retried) {
      await em.execute(`update learning_resource set status = 'PROCESSING', updated_at = now() where asset_id = ? and status = 'FAILED'`, [assetId]);
    }
    await this.events.publishAfterCommit(em, assetChannel(assetId));
    return { attempts: rows[0].attempts };
  }

  /** Transactional with the caller's results. The step of this dispatch is done; the asset and its resources follow. */
  async finish(em: EntityManager, assetId: string, step: MediaStepName, dispatch: number): Promise<void> {
    await em.execute(`update media_step set status = 'READY', error = null, failure_reason = null, updated_at = now() where asset_id = ? and name = ? and dispatch = ?`, [assetId, step, dispatch]);
    await this.rollUp(em, assetId);
    await this.events.publishAfterCommit(em, assetChannel(assetId));
  }

  /**
   * A run failed. For good when `final` (the file is unusable, or the attempts are spent): FAILED
   * with the reason; else the reason is kept and the step waits for BullMQ's next attempt. `error`
   * is the raw text (province administrators only), `reason` its code for everyone.
   */
  async fail(em: EntityManager, assetId: string, step: MediaStepName, dispatch: number, failure: { error: string; reason: MediaFailureReason }, final: boolean): Promise<void> {
    await em.execute(`update media_step set status = ?, error = ?, failure_reason = ?, updated_at = now() where asset_id = ? and name = ? and dispatch = ? and status <> 'READY'`, [
      final ? MediaStatus.FAILED : MediaStatus.PENDING,
      failure.error.slice(0, 1000),
      failure.reason,
      assetId,
      step,
      dispatch,
    ]);
    if (final) await this.rollUp(em, assetId);
    await this.events.publishAfterCommit(em, assetChannel(assetId));
  }

  isFinalAttempt(claimed: ClaimedStep): boolean {
    return claimed.attempts >= this.config.attempts;
  }

  /** The asset's status from its steps, and the resources waiting for it published or failed. */
  private async rollUp(em: EntityManager, assetId: string): Promise<void> {
    const [row] = await em.execute<{ status: MediaStatus }[]>(
      `with s as (select count(*) filter (where status = 'FAILED') as failed, count(*) filter (where status = 'READY') as ready, count(*) as steps
                    from media_step where asset_id = ?)
       update media_asset a set status = case when s.failed > 0 then 'FAILED' when s.ready = s.steps then 'READY' else 'PROCESSING' end, updated_at = now()
         from s where a.id = ? returning a.status`,
      [assetId, assetId],
    );
    if (row?.status === MediaStatus.READY) {
      await em.execute(`update learning_resource set status = 'PUBLISHED', published_at = coalesce(published_at, now()), updated_at = now() where asset_id = ? and status = 'PROCESSING'`, [assetId]);
    } else if (row?.status === MediaStatus.FAILED) {
      await em.execute(`update learning_resource set status = 'FAILED', updated_at = now() where asset_id = ? and status = 'PROCESSING'`, [assetId]);
    }
  }

  /** Transactional. Queues the FAILED steps of an asset again (fresh attempts, new job ids). */
  async retry(ctx: RequestContext, assetId: string): Promise<MediaAsset> {
    const asset = await this.read.getVisible(ctx, assetId);
    if (!managesMediaOf(ctx, asset.institution.id)) throw new ForbiddenError('Only staff of the institution may retry its media');
    const failed = await ctx.em.find(MediaStep, { asset, status: MediaStatus.FAILED });
    if (!failed.length) throw new UserInputError('NOTHING_TO_RETRY', ['assetId']);
    await this.requeue(ctx.em, asset, failed, QueuePurpose.UPLOAD);
    await ctx.em.execute(`update learning_resource set status = 'PROCESSING', updated_at = now() where asset_id = ? and status = 'FAILED'`, [asset.id]);
    return asset;
  }

  private async requeue(em: EntityManager, asset: MediaAsset, steps: MediaStep[], purpose: QueuePurpose): Promise<void> {
    for (const step of steps) {
      step.status = MediaStatus.PENDING;
      step.attempts = 0;
      step.error = null;
      step.failureReason = null;
      step.dispatch += 1;
    }
    asset.status = MediaStatus.PROCESSING;
    await em.flush();
    await this.events.publishAfterCommit(em, assetChannel(asset.id));
    await enqueueSteps(em, asset.institution.id, steps.map((step) => ({ assetId: asset.id, step: step.name, dispatch: step.dispatch })), purpose);
  }

  /**
   * Transactional. Re-queues steps left PENDING or PROCESSING longer than `staleMs` whose job is
   * gone (`jobAlive` says no) and that have no job waiting in the outbox: after a crash or a lost
   * Redis. Returns how many it re-queued.
   */
  async reconcile(em: EntityManager, staleMs: number, jobAlive: (step: MediaStep) => Promise<boolean>): Promise<number> {
    const steps = await em.find(
      MediaStep,
      { status: { $in: [MediaStatus.PENDING, MediaStatus.PROCESSING] }, updatedAt: { $lt: new Date(Date.now() - staleMs) } },
      { populate: ['asset'], limit: 500, orderBy: { updatedAt: 'asc' } },
    );
    const pendingJobs = new Set(
      (await em.execute<{ job_id: string }[]>('select job_id from job_outbox')).map((row) => row.job_id),
    );
    let requeued = 0;
    for (const step of steps) {
      if (pendingJobs.has(stepJobId(step.asset.id, step.name, step.dispatch)) || (await jobAlive(step))) continue;
      await this.requeue(em, step.asset, [step], QueuePurpose.REPROCESS);
      requeued += 1;
    }
    return requeued;
  }
}
