import type { RequestContext } from '../../core/context';
import { groupByKeys } from '../../core/loaders';
import type { ReportFile } from './report-file.entity';

/** The files of each report, for reports the viewer has already been allowed to read: one query for a page of reports. */
export function filesOfReport(ctx: RequestContext) {
  return ctx.loaders.get<string, ReportFile[]>('report.files', async (ids) =>
    groupByKeys(ids, await ctx.services.reports.files.filesOf(ctx, { reportIds: ids }), (file) => file.report?.id ?? ''),
  );
}

/** The files of each consolidated report the viewer already reads. */
export function filesOfConsolidatedReport(ctx: RequestContext) {
  return ctx.loaders.get<string, ReportFile[]>('consolidated-report.files', async (ids) =>
    groupByKeys(ids, await ctx.services.reports.files.filesOf(ctx, { consolidatedReportIds: ids }), (file) => file.consolidatedReport?.id ?? ''),
  );
}
