import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Body } from '../../bodies/body.entity';
import { bodyById } from '../../bodies/body.loaders';
import { BodyType } from '../../bodies/body.types';
import { isEducationDepartment } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { orNull } from '../../core/loaders';
import { idOf } from '../../graphql/global-id';
import { registerNode } from '../../graphql/node-registry';
import { runMutation } from '../../graphql/user-error';
import { ConsolidatedReport } from '../consolidation/consolidated-report.entity';
import type { Figure } from '../figures/figure';
import type { ReportPeriod } from '../periods/report-period.entity';
import type { ReportSnapshot } from '../snapshots/report-snapshot.entity';
import { Report } from '../workflow/report.entity';
import type { BoardLine } from '../workflow/review.service';
import { figureView } from './figure-view';
import { ReportFigureType, ReportSnapshotType } from './figure.types';
import {
  ConsolidatedReportPayload,
  ConsolidatedReportType,
  ReportPeriodInput,
  ReportPeriodType,
  ReportType,
  SendReportRemindersPayload,
  SubmissionBoardLineType,
  SubmissionBoardType,
} from './report.types';

registerNode('ConsolidatedReport', ConsolidatedReport, async (ctx, ids) => {
  if (!isEducationDepartment(ctx.actor)) return ids.map(() => null);
  const rows = await ctx.em.find(ConsolidatedReport, { id: { $in: ids } });
  return ids.map((id) => rows.find((row) => row.id === id) ?? null);
});

interface Board {
  lines: BoardLine[];
  reportedCount: number;
  missingCount: number;
  lateCount: number;
}

async function bodiesOf(ctx: RequestContext, ids: string[]): Promise<Body[]> {
  return orNull(await bodyById(ctx).loadMany(ids)).filter((body): body is Body => body !== null);
}

@Resolver(() => SubmissionBoardType)
export class SubmissionBoardResolver {
  @Authorized()
  @Query(() => SubmissionBoardType, { description: "Each reporting body's state in a period, with the late and missing ones (the Department of Education)." })
  async submissionBoard(@Arg('periodId', () => ID, { description: 'Global id of the report period.' }) periodId: string, @Ctx() ctx: RequestContext): Promise<Board> {
    const lines = await ctx.services.reports.review.board(ctx, idOf('ReportPeriod', periodId));
    return {
      lines,
      reportedCount: lines.filter((line) => !line.missing).length,
      missingCount: lines.filter((line) => line.missing).length,
      lateCount: lines.filter((line) => line.late).length,
    };
  }

  @Authorized()
  @Mutation(() => SendReportRemindersPayload, { description: 'Records a reminder for every reporting body of the period that has not reported (the Department of Education).' })
  async sendReportReminders(@Arg('input') input: ReportPeriodInput, @Ctx() ctx: RequestContext): Promise<SendReportRemindersPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.reports.review.remind(tx, idOf('ReportPeriod', input.periodId)));
    return { remindedBodies: outcome.result ? await bodiesOf(ctx, outcome.result) : null, errors: outcome.errors };
  }
}

@Resolver(() => SubmissionBoardLineType)
export class SubmissionBoardLineResolver {
  @FieldResolver(() => BodyType, { nullable: true, description: 'The reporting body.' })
  async body(@Root() line: BoardLine, @Ctx() ctx: RequestContext): Promise<Body | null> {
    return bodyById(ctx).load(line.bodyId);
  }

  @FieldResolver(() => ReportType, { nullable: true, description: 'Its latest version past the draft; null when none.' })
  report(@Root() line: BoardLine): Report | null {
    return line.report;
  }
}

@Resolver(() => ConsolidatedReportType)
export class ConsolidatedReportResolver {
  @Authorized()
  @Query(() => [ConsolidatedReportType], { description: 'The consolidated reports of a period, newest first (the Department of Education).' })
  async consolidatedReports(@Arg('periodId', () => ID, { description: 'Global id of the report period.' }) periodId: string, @Ctx() ctx: RequestContext): Promise<ConsolidatedReport[]> {
    return ctx.services.reports.consolidation.list(ctx, idOf('ReportPeriod', periodId));
  }

  @Authorized()
  @Mutation(() => ConsolidatedReportPayload, { description: "Consolidates the province's report for a period from the accepted reports and the province-wide figures (the Department of Education)." })
  async consolidateReports(@Arg('input') input: ReportPeriodInput, @Ctx() ctx: RequestContext): Promise<ConsolidatedReportPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.reports.consolidation.consolidate(tx, idOf('ReportPeriod', input.periodId)));
    return { consolidatedReport: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => ReportPeriodType, { description: 'The period.' })
  async period(@Root() consolidated: ConsolidatedReport, @Ctx() ctx: RequestContext): Promise<ReportPeriod> {
    return ctx.services.reports.periods.get(ctx, consolidated.period.id);
  }

  @FieldResolver(() => [ReportFigureType], { description: 'The province-wide figures, frozen when consolidated.' })
  async figures(@Root() consolidated: ConsolidatedReport, @Ctx() ctx: RequestContext): Promise<Figure[]> {
    await ctx.em.populate(consolidated, ['snapshot']);
    return consolidated.snapshot.figures.map(figureView);
  }

  @FieldResolver(() => ReportSnapshotType, { description: 'The snapshot of the figures.' })
  async snapshot(@Root() consolidated: ConsolidatedReport, @Ctx() ctx: RequestContext): Promise<ReportSnapshot> {
    await ctx.em.populate(consolidated, ['snapshot']);
    return consolidated.snapshot;
  }

  @FieldResolver(() => [ReportType], { description: 'The accepted reports consolidated, by body name.' })
  async reports(@Root() consolidated: ConsolidatedReport, @Ctx() ctx: RequestContext): Promise<Report[]> {
    return ctx.em.find(Report, { id: { $in: consolidated.reportIds } }, { orderBy: { body: { name: 'asc' } } });
  }

  @FieldResolver(() => [BodyType], { description: 'Reporting bodies of the period with no accepted report.' })
  async missingBodies(@Root() consolidated: ConsolidatedReport, @Ctx() ctx: RequestContext): Promise<Body[]> {
    return bodiesOf(ctx, consolidated.missingBodyIds);
  }
}
