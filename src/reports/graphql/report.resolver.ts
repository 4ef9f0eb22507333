import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Body } from '../../bodies/body.entity';
import { bodyById } from '../../bodies/body.loaders';
import { BodyType } from '../../bodies/body.types';
import type { RequestContext } from '../../core/context';
import { labelOf } from '../../core/labels';
import { idOf } from '../../graphql/global-id';
import { registerNode } from '../../graphql/node-registry';
import { runMutation, type MutationOutcome } from '../../graphql/user-error';
import type { FigureBasis, Figure } from '../figures/figure';
import type { ReportPeriod } from '../periods/report-period.entity';
import { Report } from '../workflow/report.entity';
import { figureView } from './figure-view';
import { FigureBasisType, ReportFigureType, ReportSnapshotType, SnapshotCheckType } from './figure.types';
import { PrepareReportInput, ReportInput, ReportPayload, ReportPeriodType, ReportType, ReturnReportInput, UpdateReportDraftInput } from './report.types';
import type { SnapshotCheck } from '../workflow/review.service';
import type { ReportSnapshot } from '../snapshots/report-snapshot.entity';

registerNode('Report', Report, async (ctx, ids) => {
  const found = await Promise.all(ids.map((id) => ctx.services.reports.reports.get(ctx, id).catch(() => null)));
  return found;
});

function payload(outcome: MutationOutcome<Report>): ReportPayload {
  return { report: outcome.result, errors: outcome.errors };
}

@Resolver(() => ReportType)
export class ReportResolver {
  @Authorized()
  @Query(() => [ReportType], { description: "The versions of a body's report in a period you may read, newest first: all of them for its officers, the submitted ones for the Department of Education." })
  async reportVersions(@Arg('periodId', () => ID, { description: 'Global id of the report period.' }) periodId: string, @Arg('bodyId', () => ID, { description: 'Global id of the reporting body.' }) bodyId: string, @Ctx() ctx: RequestContext): Promise<Report[]> {
    return ctx.services.reports.reports.versions(ctx, idOf('ReportPeriod', periodId), idOf('Body', bodyId));
  }

  @Authorized()
  @Query(() => SnapshotCheckType, { description: "Recomputes a submitted report's figures on today's data and compares them with its snapshot." })
  async verifyReportSnapshot(@Arg('reportId', () => ID, { description: 'Global id of the submitted report whose snapshot to recompute and compare.' }) reportId: string, @Ctx() ctx: RequestContext): Promise<SnapshotCheck> {
    return ctx.services.reports.review.verify(ctx, idOf('Report', reportId));
  }

  @Authorized()
  @Mutation(() => ReportPayload, { description: "The body's draft for the period: the current one, or a new version when the last was returned or accepted (officers of the body). Idempotent." })
  async prepareReport(@Arg('input') input: PrepareReportInput, @Ctx() ctx: RequestContext): Promise<ReportPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.reports.reports.prepare(tx, idOf('ReportPeriod', input.periodId), idOf('Body', input.bodyId))));
  }

  @Authorized()
  @Mutation(() => ReportPayload, { description: 'Writes narrative sections of a draft (officers of the body).' })
  async updateReportDraft(@Arg('input') input: UpdateReportDraftInput, @Ctx() ctx: RequestContext): Promise<ReportPayload> {
    const { reportId, ...narrative } = input;
    return payload(await runMutation(ctx, (tx) => ctx.services.reports.reports.updateDraft(tx, idOf('Report', reportId), narrative)));
  }

  @Authorized()
  @Mutation(() => ReportPayload, { description: 'Sends a draft to the Department of Education, freezing its figures; late after the due date (officers of the body).' })
  async submitReport(@Arg('input') input: ReportInput, @Ctx() ctx: RequestContext): Promise<ReportPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.reports.reports.submit(tx, idOf('Report', input.reportId))));
  }

  @Authorized()
  @Mutation(() => ReportPayload, { description: 'Accepts a submitted report (the Department of Education).' })
  async acceptReport(@Arg('input') input: ReportInput, @Ctx() ctx: RequestContext): Promise<ReportPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.reports.review.accept(tx, idOf('Report', input.reportId))));
  }

  @Authorized()
  @Mutation(() => ReportPayload, { description: 'Returns a submitted report with the reason; the body corrects it in a new version (the Department of Education).' })
  async returnReport(@Arg('input') input: ReturnReportInput, @Ctx() ctx: RequestContext): Promise<ReportPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.reports.review.return(tx, idOf('Report', input.reportId), input.reason)));
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() report: Report, @Ctx() ctx: RequestContext): string {
    return labelOf('ReportStatus', report.status, ctx.locale);
  }

  @FieldResolver(() => ReportPeriodType, { description: 'The period.' })
  async period(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<ReportPeriod> {
    return ctx.services.reports.periods.get(ctx, report.period.id);
  }

  @FieldResolver(() => BodyType, { nullable: true, description: 'The body reporting.' })
  async body(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<Body | null> {
    return bodyById(ctx).load(report.body.id);
  }

  @FieldResolver(() => [ReportFigureType], { description: 'The figures: frozen in the snapshot once submitted, computed now for a draft.' })
  async figures(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<Figure[]> {
    return (await ctx.services.reports.reports.figuresOf(ctx, report)).figures.map(figureView);
  }

  @FieldResolver(() => FigureBasisType, { description: 'What the figures were (or are being) computed from.' })
  async basis(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<FigureBasis> {
    return (await ctx.services.reports.reports.figuresOf(ctx, report)).basis;
  }

  @FieldResolver(() => ReportSnapshotType, { nullable: true, description: 'The snapshot frozen at submission; null for a draft.' })
  async snapshot(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<ReportSnapshot | null> {
    await ctx.em.populate(report, ['snapshot']);
    return report.snapshot;
  }
}
