import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Body } from '../../bodies/body.entity';
import { bodyById } from '../../bodies/body.loaders';
import { BodyType } from '../../bodies/body.types';
import type { RequestContext } from '../../core/context';
import { labelOf } from '../../core/labels';
import { orNull } from '../../core/loaders';
import { Role } from '../../core/roles';
import { idOf } from '../../graphql/global-id';
import { registerNode } from '../../graphql/node-registry';
import { runMutation, type MutationOutcome } from '../../graphql/user-error';
import { ReportPeriod } from '../periods/report-period.entity';
import { AdjustReportingBodiesInput, OpenReportPeriodInput, ReportPeriodInput, ReportPeriodPayload, ReportPeriodType } from './report.types';

registerNode('ReportPeriod', ReportPeriod, (ctx, ids) => ctx.em.find(ReportPeriod, { id: { $in: ids } }).then((rows) => ids.map((id) => rows.find((row) => row.id === id) ?? null)));

function payload(outcome: MutationOutcome<ReportPeriod>): ReportPeriodPayload {
  return { period: outcome.result, errors: outcome.errors };
}

@Resolver(() => ReportPeriodType)
export class ReportPeriodResolver {
  @Query(() => [ReportPeriodType], { description: 'Report periods, newest first. Public.' })
  async reportPeriods(@Ctx() ctx: RequestContext): Promise<ReportPeriod[]> {
    return ctx.services.reports.periods.list(ctx);
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => ReportPeriodPayload, { description: 'Opens a report period and chooses its reporting bodies from the bodies valid at its cut-off (province administrators).' })
  async openReportPeriod(@Arg('input') input: OpenReportPeriodInput, @Ctx() ctx: RequestContext): Promise<ReportPeriodPayload> {
    return payload(
      await runMutation(ctx, (tx) =>
        ctx.services.reports.periods.open(tx, { kind: input.kind, fromYear: input.fromYear, toYear: input.toYear, cutOffDate: input.cutOffDate ?? null, dueDate: input.dueDate ?? null }),
      ),
    );
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => ReportPeriodPayload, { description: 'Opens the annual period of the year after the latest one, due 10 December, with the default reporting bodies (province administrators).' })
  async openNextAnnualReportPeriod(@Ctx() ctx: RequestContext): Promise<ReportPeriodPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.reports.periods.openNextAnnual(tx)));
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => ReportPeriodPayload, { description: 'Stops receiving reports in a period (province administrators). Idempotent.' })
  async closeReportPeriod(@Arg('input') input: ReportPeriodInput, @Ctx() ctx: RequestContext): Promise<ReportPeriodPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.reports.periods.close(tx, idOf('ReportPeriod', input.periodId))));
  }

  @Authorized(Role.PROVINCE_ADMIN)
  @Mutation(() => ReportPeriodPayload, { description: 'Adds and removes bodies that report in a period (province administrators). Idempotent.' })
  async adjustReportingBodies(@Arg('input') input: AdjustReportingBodiesInput, @Ctx() ctx: RequestContext): Promise<ReportPeriodPayload> {
    return payload(
      await runMutation(ctx, (tx) =>
        ctx.services.reports.periods.adjustBodies(
          tx,
          idOf('ReportPeriod', input.periodId),
          input.addBodyIds.map((id) => idOf('Body', id)),
          input.removeBodyIds.map((id) => idOf('Body', id)),
        ),
      ),
    );
  }

  @FieldResolver(() => String, { description: 'The kind, in the language of the request.' })
  kindLabel(@Root() period: ReportPeriod, @Ctx() ctx: RequestContext): string {
    return labelOf('ReportPeriodKind', period.kind, ctx.locale);
  }

  @FieldResolver(() => [BodyType], { description: 'The bodies that must report in it, by name.' })
  async reportingBodies(@Root() period: ReportPeriod, @Ctx() ctx: RequestContext): Promise<Body[]> {
    const ids = await ctx.services.reports.periods.bodyIds(ctx, period.id);
    return orNull(await bodyById(ctx).loadMany(ids)).filter((body): body is Body => body !== null);
  }
}
