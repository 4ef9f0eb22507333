import type { EntityManager } from '@mikro-orm/postgresql';
import type { TitlesConfig } from '../../core/config';
import type { Logger } from '../../infra/logger';
import { todayInVietnam } from '../../core/time';
import { rulesetDayFor, rulesetForYear } from './criteria';
import type { RunPhase } from './engine.enums';
import { evaluatePhase, PHASES, type PhaseSpec } from './phases';
import { deleteStaleProgress, STORED } from '../progress/progress.repository';
import { TitleRun, type PhaseSubjects, type RunCounts } from './run.entity';
import { estimatePhaseSubjects, overallFraction } from './run-progress';

/** The phases of a run, bottom-up: each level reads the one below. */
export const PHASE_ORDER: readonly RunPhase[] = PHASES.map((spec) => spec.phase);

export interface RunProgress {
  phase: RunPhase;
  subjectsDone: number;
  subjectsTotal: number;
}

export interface RunEnvironment {
  em: EntityManager;
  log: Logger;
  /** Reports progress to whoever runs it (the job's updateProgress). */
  progress(progress: RunProgress): Promise<void>;
}

export type RunOutcome = { status: 'done'; detail: Record<string, unknown> } | { status: 'skipped'; reason: string };

interface PhaseContext {
  env: RunEnvironment;
  run: TitleRun;
  /** The phases finished, this attempt's included, and every phase's subjects as known so far. */
  phasesDone: RunPhase[];
  phaseSubjects: PhaseSubjects;
  phaseStartedAt: Date;
  /** First day of the month the run's history rows belong to. */
  month: string;
}

interface PhaseResult {
  counts: RunCounts;
  rowsWritten: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Executes runs. Idempotent and resumable: every write is an upsert keyed on the subject, a retried
 * job skips the phases recorded as done and redoes the interrupted one from its start.
 */
export class TitleRunExecutor {
  constructor(private readonly settings: TitlesConfig) {}

  async execute(env: RunEnvironment, runId: string): Promise<RunOutcome> {
    const { em } = env;
    const claimed = await em.execute<{ id: string }[]>(
      `update title_run set status = 'RUNNING', attempts = attempts + 1, started_at = coalesce(started_at, now()), error = null, updated_at = now()
        where id = ? and status in ('QUEUED', 'RUNNING') returning id`,
      [runId],
    );
    if (!claimed.length) return { status: 'skipped', reason: 'the run is finished or unknown' };
    const run = await em.findOneOrFail(TitleRun, { id: runId }, { populate: ['unit'], refresh: true });
    if (!run.ruleset) {
      const ruleset = await rulesetForYear(em, run.year, run.startedAt ?? new Date());
      if (!ruleset) {
        await this.fail(em, runId, `No published ruleset is in force for ${run.year}`);
        return { status: 'skipped', reason: 'no ruleset in force' };
      }
      await em.execute('update title_run set ruleset_id = ? where id = ?', [ruleset.id, runId]);
      run.ruleset = ruleset;
    }
    const month = `${todayInVietnam(run.startedAt ?? new Date()).slice(0, 7)}-01`;
    const phaseSubjects = run.phaseSubjects ?? (await estimatePhaseSubjects(em, run.unit.path, run.year));
    const phasesDone = [...run.phasesDone];
    for (const spec of PHASES) {
      const phase = spec.phase;
      if (run.phasesDone.includes(phase)) continue;
      const [started] = await em.execute<{ phase_started_at: Date }[]>(
        `update title_run set phase = ?, subjects_done = 0, subjects_total = null, phase_started_at = now(), updated_at = now() where id = ? returning phase_started_at`,
        [phase, runId],
      );
      env.log.info({ runId, phase }, 'titles phase started');
      const result = await this.phase(spec, { env, run, phasesDone, phaseSubjects, phaseStartedAt: new Date(started?.phase_started_at ?? Date.now()), month });
      phasesDone.push(phase);
      await em.execute(
        `update title_run set phases_done = array_append(phases_done, ?), counts = coalesce(counts, '{}'::jsonb) || jsonb_build_object(?::text, ?::jsonb),
                rows_written = rows_written + ?, updated_at = now() where id = ?`,
        [phase, phase, JSON.stringify(result.counts), result.rowsWritten, runId],
      );
    }
    const [finished] = await em.execute<{ duration_ms: number; rows_written: number }[]>(
      `update title_run set status = 'SUCCEEDED', progress = 1, estimated_end_at = now(), finished_at = now(), duration_ms = (extract(epoch from now() - started_at) * 1000)::int, updated_at = now()
        where id = ? returning duration_ms, rows_written`,
      [runId],
    );
    return { status: 'done', detail: { runId, durationMs: finished?.duration_ms, rowsWritten: finished?.rows_written } };
  }

  /** Records that a run failed for good. Idempotent. */
  async fail(em: EntityManager, runId: string, message: string): Promise<void> {
    await em.execute(
      `update title_run set status = 'FAILED', error = ?, finished_at = now(), duration_ms = (extract(epoch from now() - coalesce(started_at, now())) * 1000)::int, updated_at = now()
        where id = ? and status in ('QUEUED', 'RUNNING')`,
      [message.slice(0, 2000), runId],
    );
  }

  private async phase(spec: PhaseSpec, { env, run, phasesDone, phaseSubjects, phaseStartedAt, month }: PhaseContext): Promise<PhaseResult> {
    const { em } = env;
    const report = async (done: number, total: number) => {
      phaseSubjects[spec.phase] = total;
      const fraction = overallFraction(phaseSubjects, phasesDone, { phase: spec.phase, done });
      // The fraction and the end never go back: a phase counting more subjects than estimated holds the bar rather than moving it left.
      await em.execute(
        `update title_run set subjects_done = ?, subjects_total = ?, phase_subjects = ?::jsonb, progress = greatest(progress, ?::numeric),
                estimated_end_at = case when greatest(progress, ?::numeric) > 0 then greatest(
                  least(coalesce(estimated_end_at, 'infinity'::timestamptz), started_at + (now() - started_at) / greatest(progress, ?::numeric)::float8),
                  now() + interval '1 second') end,
                updated_at = now()
          where id = ?`,
        [done, total, JSON.stringify(phaseSubjects), fraction, fraction, fraction, run.id],
      );
      await env.progress({ phase: spec.phase, subjectsDone: done, subjectsTotal: total });
    };
    const scope = {
      rulesetId: (run.ruleset as { id: string }).id,
      unitPath: run.unit.path,
      year: run.year,
      ref: rulesetDayFor(run.year, run.startedAt ?? new Date()),
      batchSize: this.settings.batchSize,
      workMem: this.settings.workMem,
      concurrency: this.settings.concurrency,
    };
    const started = performance.now();
    const result = await evaluatePhase(em, spec, scope, STORED({ id: run.id, month }), {
      planned: (total) => report(0, total),
      batchDone: async (done, total) => {
        await report(done, total);
        if (this.settings.batchPauseMs > 0) await sleep(this.settings.batchPauseMs);
      },
    });
    const evaluated = performance.now();
    await deleteStaleProgress(em, spec.title, run.unit.path, run.year, month, phaseStartedAt);
    // Where a phase's time goes, for the bench and for operators sizing a province.
    env.log.info(
      { runId: run.id, phase: spec.phase, evaluateMs: Math.round(evaluated - started), cleanupMs: Math.round(performance.now() - evaluated), rowsWritten: result.written },
      'titles phase finished',
    );
    return { counts: { meets: result.meets, notYet: result.notYet, awaiting: result.awaiting }, rowsWritten: result.written };
  }
}
