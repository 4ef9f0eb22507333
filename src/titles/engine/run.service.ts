import type { EntityManager } from '@mikro-orm/postgresql';
import type { TitlesConfig } from '../../core/config';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { governsUnit } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { JobName, QueueName, type JobQueues } from '../../infra/queue';
import { todayInVietnam } from '../../core/time';
import { RunStatus, RunTrigger } from './engine.enums';
import { TitleRun } from './run.entity';
import { recalculateJobId, type RecalculateTitlesData } from './title-jobs';

const FIRST_YEAR = 2000;

function jobOf(run: TitleRun) {
  const data: RecalculateTitlesData = { runId: run.id };
  return {
    name: JobName.RecalculateTitles,
    data,
    opts: {
      jobId: recalculateJobId({ unitId: run.unit.id, year: run.year, runId: run.id }),
      attempts: 3,
      backoff: { type: 'exponential', delay: 10_000 },
      // Removed when done: the run row keeps the outcome, and a run stuck after a lost job is revived by dispatching again.
      removeOnComplete: true,
      removeOnFail: true,
    },
  };
}

/**
 * Starting and reading recalculation runs. One run per unit and year is QUEUED or RUNNING at a
 * time; asking again returns it. The run row is written first, the job added after commit: if
 * Redis is down the run stays QUEUED and the workers add it once Redis is back (`dispatchQueued`).
 */
export class TitleRunService {
  constructor(
    private readonly queues: JobQueues,
    readonly settings: TitlesConfig,
  ) {}

  /** A run the actor may read: assessors of its unit (or above) and province admins. */
  async get(ctx: RequestContext, id: string): Promise<TitleRun | null> {
    const run = await ctx.em.findOne(TitleRun, { id }, { populate: ['unit'] });
    return run && governsUnit(ctx.actor, run.unit.path) ? run : null;
  }

  /** Checks who asks and for what, then `request`. Transactional (the caller's transaction), idempotent while a run is active. */
  async requestFor(ctx: RequestContext, unitId: string, year: number): Promise<TitleRun> {
    const unit = await ctx.em.findOne(AdministrativeUnit, { id: unitId });
    if (!unit) throw new NotFoundError('The unit');
    if (!governsUnit(ctx.actor, unit.path)) throw new ForbiddenError('Only assessors of the unit and province administrators recalculate its titles');
    const current = Number(todayInVietnam(ctx.now).slice(0, 4));
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > current) {
      throw new UserInputError('INVALID_YEAR', ['year'], { min: FIRST_YEAR, max: current });
    }
    return this.request(ctx, unit, year, RunTrigger.ON_DEMAND);
  }

  /** The active run of a unit and year, or a new QUEUED one. Transactional, idempotent. */
  async request(ctx: RequestContext, unit: AdministrativeUnit, year: number, trigger: RunTrigger): Promise<TitleRun> {
    await ctx.em.execute(
      `insert into title_run (id, created_at, updated_at, unit_id, year, status, trigger, requested_by_id)
       values (gen_random_uuid(), now(), now(), ?, ?, 'QUEUED', ?, ?)
       on conflict (unit_id, year) where status in ('QUEUED', 'RUNNING') do nothing`,
      [unit.id, year, trigger, ctx.actor?.accountId ?? null],
    );
    const run = await ctx.em.findOne(TitleRun, { unit, year, status: { $in: [RunStatus.QUEUED, RunStatus.RUNNING] } }, { populate: ['unit'] });
    if (!run) throw new Error(`no active run of unit ${unit.id} for ${year} after inserting one`);
    return run;
  }

  /** Adds the run's job; a no-op while that job is still queued or running (its id is the run's). */
  async dispatch(run: TitleRun): Promise<void> {
    await this.queues.use(QueueName.Titles, (queue) => queue.addBulk([jobOf(run)]));
  }

  /**
   * Adds the jobs of runs still QUEUED, oldest first: those recorded while Redis was down, and any
   * whose job was lost. A run whose job is waiting or running is unchanged (same job id), and a job
   * of a run that has meanwhile finished is skipped by the executor. Returns how many it handed over.
   */
  async dispatchQueued(em: EntityManager, batch = 100): Promise<number> {
    const runs = await em.find(TitleRun, { status: RunStatus.QUEUED }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: batch });
    if (runs.length) await this.queues.use(QueueName.Titles, (queue) => queue.addBulk(runs.map(jobOf)));
    return runs.length;
  }
}
