import { AdministrativeUnit } from '../src/catalogue/units/unit.entity';
import { QueueName } from '../src/infra/queue';
import { systemContext } from '../src/app/system-context';
import { RunTrigger } from '../src/titles/engine/engine.enums';
import { runChannel } from '../src/titles/engine/run-channel';
import type { RecalculateTitlesData } from '../src/titles/engine/title-jobs';
import { todayInVietnam } from '../src/core/time';
import type { JobHandler } from './jobs';

function isRunData(data: unknown): data is RecalculateTitlesData {
  return typeof data === 'object' && data !== null && typeof (data as { runId?: unknown }).runId === 'string';
}

/** Executes one titles run; a retry (after a crash or an error) resumes it at its interrupted phase. */
export const recalculateTitles: JobHandler = {
  queue: QueueName.Titles,
  async run(ctx, data) {
    if (!isRunData(data)) return { status: 'skipped', reason: 'no runId in the job data' };
    const executor = ctx.services.titles.executor;
    // The executor's statements commit as they run (ctx.em is in no transaction): its subscribers and webhooks hear of
    // each progress it saves, and of its end.
    const changed = () => ctx.services.events.publishAfterCommit(ctx.em, runChannel(data.runId));
    const progress = async (saved: object) => {
      await ctx.progress(saved);
      await changed();
    };
    try {
      return await executor.execute({ em: ctx.em, log: ctx.log, progress }, data.runId);
    } catch (error) {
      if (ctx.finalAttempt) await executor.fail(ctx.em.fork(), data.runId, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      await changed();
    }
  },
};

/**
 * The monthly recalculation (02:00 on the 1st, Asia/Ho_Chi_Minh): a run for each province root and
 * the current year, and in January also for the year just closed. Idempotent: an active run is reused.
 */
export const scheduleTitleRuns: JobHandler = {
  queue: QueueName.Titles,
  async run(ctx) {
    const today = todayInVietnam(ctx.now);
    const year = Number(today.slice(0, 4));
    const years = today.slice(5, 7) === '01' ? [year - 1, year] : [year];
    const system = systemContext(ctx.em, ctx.services, ctx.log, null);
    const runs: string[] = [];
    for (const evaluated of years) {
      const day = evaluated === year ? today : `${evaluated}-12-31`;
      const roots = await ctx.em.find(AdministrativeUnit, {
        parent: null,
        $and: [{ $or: [{ validFrom: null }, { validFrom: { $lte: day } }] }, { $or: [{ validTo: null }, { validTo: { $gte: day } }] }],
      });
      for (const root of roots) {
        const run = await ctx.em.transactional((em) => ctx.services.titles.runs.request({ ...system, em }, root, evaluated, RunTrigger.SCHEDULED));
        await ctx.services.titles.runs.dispatch(run);
        runs.push(run.id);
      }
    }
    return { status: 'done', detail: { runs } };
  },
};
