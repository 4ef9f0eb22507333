/** Names of the titles queue's jobs; workers/jobs.ts lists the same names in JobName. */
export const RECALCULATE_TITLES_JOB = 'titles.recalculate';
export const SCHEDULE_TITLE_RUNS_JOB = 'titles.schedule-monthly';

export interface RecalculateTitlesData {
  runId: string;
}

/** A run's job id: one job per run, so a job of a finished run can never swallow the next run's. */
export function recalculateJobId(run: { unitId: string; year: number; runId: string }): string {
  return `recalculate.${run.unitId}.${run.year}.${run.runId}`;
}
