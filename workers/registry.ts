import { JobName, type JobHandler, type JobSchedule } from './jobs';
import { purgeRefreshTokens } from './maintenance.processor';
import { mediaCleanupUploads, mediaDocumentStep, mediaImageStep, mediaReconcile, mediaVideoStep } from './media.processor';
import { renderReportFile } from './reports.processor';
import { recalculateTitles, scheduleTitleRuns } from './titles.processor';
import { deliverWebhook } from './webhooks.processor';

/** Every job name has exactly one handler: the Record type makes a missing one a compile error. */
export const HANDLERS: Record<JobName, JobHandler> = {
  [JobName.PurgeRefreshTokens]: purgeRefreshTokens,
  [JobName.MediaImageStep]: mediaImageStep,
  [JobName.MediaVideoStep]: mediaVideoStep,
  [JobName.MediaDocumentStep]: mediaDocumentStep,
  [JobName.MediaReconcile]: mediaReconcile,
  [JobName.MediaCleanupUploads]: mediaCleanupUploads,
  [JobName.RecalculateTitles]: recalculateTitles,
  [JobName.ScheduleTitleRuns]: scheduleTitleRuns,
  [JobName.DeliverWebhook]: deliverWebhook,
  [JobName.RenderReportFile]: renderReportFile,
};

export const SCHEDULES: JobSchedule[] = [
  { id: 'purge-refresh-tokens-daily', job: JobName.PurgeRefreshTokens, pattern: '0 3 * * *' },
  { id: 'media-reconcile', job: JobName.MediaReconcile, pattern: '*/5 * * * *' },
  { id: 'media-cleanup-uploads-hourly', job: JobName.MediaCleanupUploads, pattern: '17 * * * *' },
  { id: 'titles-monthly', job: JobName.ScheduleTitleRuns, pattern: '0 2 1 * *' },
];

export function handlerFor(name: string): JobHandler | undefined {
  return (Object.values(JobName) as string[]).includes(name) ? HANDLERS[name as JobName] : undefined;
}
