export interface RecalculateTitlesData {
  runId: string;
}

/** A run's job id: one job per run, so a job of a finished run can never swallow the next run's. */
export function recalculateJobId(run: { unitId: string; year: number; runId: string }): string {
  return `recalculate.${run.unitId}.${run.year}.${run.runId}`;
}
