import { QueueName } from '../src/infra/queue';
import { reportFileChannel } from '../src/reports/files/report-file.service';
import type { JobHandler } from './jobs';

function fileIdOf(data: unknown): string | null {
  const id = typeof data === 'object' && data !== null ? (data as { fileId?: unknown }).fileId : undefined;
  return typeof id === 'string' ? id : null;
}

/** Renders one report file; a document that cannot be rendered is FAILED at once, a storage outage retried. */
export const renderReportFile: JobHandler = {
  queue: QueueName.Reports,
  async run(ctx, data) {
    const fileId = fileIdOf(data);
    if (!fileId) return { status: 'skipped', reason: 'no fileId in the job data' };
    // ctx.em is in no transaction: each status is committed when written, and its subscribers hear of it then.
    const changed = () => ctx.services.events.publishAfterCommit(ctx.em, reportFileChannel(fileId));
    const outcome = await ctx.services.reports.files.render(ctx.em, fileId, { finalAttempt: ctx.finalAttempt, changed });
    return { status: 'done', detail: { fileId, ...outcome } };
  },
};
