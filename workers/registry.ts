import { JobName, type JobHandler, type JobSchedule } from './jobs';
import { purgeRefreshTokens } from './maintenance.processor';
import { recalculateTitles, scheduleTitleRuns } from './titles.processor';

/** Every job name has exactly one handler: the Record type makes a missing one a compile error. */
export const HANDLERS: Record<JobName, JobHandler> = {
  [JobName.PurgeRefreshTokens]: purgeRefreshTokens,
  [JobName.RecalculateTitles]: recalculateTitles,
  [JobName.ScheduleTitleRuns]: scheduleTitleRuns,
};

export const SCHEDULES: JobSchedule[] = [
  { id: 'purge-refresh-tokens-daily', job: JobName.PurgeRefreshTokens, pattern: '0 3 * * *' },
  { id: 'titles-monthly', job: JobName.ScheduleTitleRuns, pattern: '0 2 1 * *' },
];

export function handlerFor(name: string): JobHandler | undefined {
  return (Object.values(JobName) as string[]).includes(name) ? HANDLERS[name as JobName] : undefined;
}
