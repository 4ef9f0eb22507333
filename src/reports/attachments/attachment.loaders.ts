import type { RequestContext } from '../../core/context';
import { groupByKeys } from '../../core/loaders';
import type { ReportAttachment } from './report-attachment.entity';

/** The completed attachments of each report, for reports the viewer has already been allowed to read. */
export function attachmentsOfReport(ctx: RequestContext) {
  return ctx.loaders.get<string, ReportAttachment[]>('report.attachments', async (ids) =>
    groupByKeys(ids, await ctx.services.reports.attachments.ofReports(ctx, ids), (attachment) => attachment.report.id),
  );
}
