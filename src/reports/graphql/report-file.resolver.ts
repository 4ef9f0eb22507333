import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { registerNode } from '../../graphql/node-registry';
import { eventValue, watch, type EventRoot } from '../../graphql/subscriptions';
import { runMutation } from '../../graphql/user-error';
import type { ConsolidatedReport } from '../consolidation/consolidated-report.entity';
import { ReportFile, ReportFileStatus } from '../files/report-file.entity';
import { filesOfConsolidatedReport, filesOfReport } from '../files/report-file.loaders';
import { reportFileChannel } from '../files/report-file.service';
import type { Report } from '../workflow/report.entity';
import { ReportFileType, RequestReportFileInput, RequestReportFilePayload } from './report-file.types';
import { ConsolidatedReportType, ReportType } from './report.types';

registerNode('ReportFile', ReportFile, (ctx, ids) => ctx.services.reports.files.readable(ctx, ids));

@Resolver(() => ReportFileType)
export class ReportFileResolver {
  @Authorized()
  @Subscription(() => ReportFileType, {
    description:
      "A report file's rendering: the file as it is now, then again as the reports worker starts it (RUNNING) and ends it, until it is READY or FAILED. Refused with NOT_FOUND where `node` answers null: whoever reads the report, the Department for a consolidated report's.",
    subscribe: ({ args, context }: { args: { id: string }; context: RequestContext }) => {
      const id = idOf('ReportFile', args.id);
      return watch(context, {
        channel: reportFileChannel(id),
        read: (ctx) => ctx.services.reports.files.get(ctx, id),
        settled: (file) => file.status === ReportFileStatus.READY || file.status === ReportFileStatus.FAILED,
      });
    },
  })
  reportFileProgress(@Root() event: EventRoot<ReportFile>, @Arg('id', () => ID, { description: 'Global id of the report file (`file.id` of `requestReportFile`).' }) _id: string): ReportFile {
    return eventValue(event);
  }

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
