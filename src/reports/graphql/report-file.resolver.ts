import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { runMutation } from '../../graphql/user-error';
import type { ConsolidatedReport } from '../consolidation/consolidated-report.entity';
import type { ReportFile } from '../files/report-file.entity';
import { filesOfConsolidatedReport, filesOfReport } from '../files/report-file.loaders';
import type { Report } from '../workflow/report.entity';
import { ReportFileType, RequestReportFileInput, RequestReportFilePayload } from './report-file.types';
import { ConsolidatedReportType, ReportType } from './report.types';

@Resolver(() => ReportFileType)
export class ReportFileResolver {
  @Authorized()
  @Mutation(() => RequestReportFilePayload, { description: 'Asks for a submitted or consolidated report as a DOCX, XLSX or PDF file, rendered by the reports worker; the same file again while it is queued, running or ready (whoever reads the report).' })
  async requestReportFile(@Arg('input') input: RequestReportFileInput, @Ctx() ctx: RequestContext): Promise<RequestReportFilePayload> {
    const source = {
      reportId: input.reportId ? idOf('Report', input.reportId) : null,
      consolidatedReportId: input.consolidatedReportId ? idOf('ConsolidatedReport', input.consolidatedReportId) : null,
    };
    const outcome = await runMutation(ctx, (tx) => ctx.services.reports.files.request(tx, source, input.format));
    return { file: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { nullable: true, description: 'A short-lived download URL; null until the file is ready.' })
  async downloadUrl(@Root() file: ReportFile, @Ctx() ctx: RequestContext): Promise<string | null> {
    return ctx.services.reports.files.downloadUrl(ctx, file);
  }
}

@Resolver(() => ReportType)
export class ReportFilesOfReportResolver {
  @FieldResolver(() => [ReportFileType], { description: 'Files requested of this version, newest first.' })
  async files(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<ReportFile[]> {
    return filesOfReport(ctx).load(report.id);
  }
}

@Resolver(() => ConsolidatedReportType)
export class ReportFilesOfConsolidatedResolver {
  @FieldResolver(() => [ReportFileType], { description: 'Files requested of this consolidated report, newest first.' })
  async files(@Root() consolidatedReport: ConsolidatedReport, @Ctx() ctx: RequestContext): Promise<ReportFile[]> {
    return filesOfConsolidatedReport(ctx).load(consolidatedReport.id);
  }
}
