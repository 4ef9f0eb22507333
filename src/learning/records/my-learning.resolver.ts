import { Args, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { YearArg } from '../../graphql/year';
import { Role } from '../../core/roles';
import type { Topic } from '../../catalogue/catalogue.enums';
import type { RequestContext } from '../../core/context';
import { keysetConnection, PageArgs, type Connection } from '../../graphql/relay';
import type { Citizen } from '../../people/citizens/citizen.entity';
import { CitizenType } from '../../people/citizens/citizen.types';
import type { LogSource } from '../learning.enums';
import type { LearningLog } from '../logs/learning-log.entity';
import { logPage } from '../logs/learning-log.resolver';
import type { YearTotals } from '../learning.repository';
import { LearningLogConnection } from '../logs/learning-log.types';
import { LearningExportType, MyLearningType } from './my-learning.types';
import { toJsonRecord, toXapiStatement } from './xapi';

interface MyLearning {
  citizen: Citizen;
  year: number;
  totals: YearTotals;
}

function logsConnection(ctx: RequestContext, citizenId: string, year: number | null, page: PageArgs): Promise<Connection<LearningLog>> {
  return keysetConnection({
    args: page,
    codec: ctx.services.cursors,
    scope: `learningLogs:${citizenId}:${year ?? ''}`,
    fetch: async (seek) => logPage(ctx, await ctx.services.learning.records.logsOf(ctx, citizenId, year, seek)),
    keyOf: ({ row }) => [row.sort_key, row.id],
    edge: ({ log }, cursor) => ({ cursor, node: log }),
    count: () => ctx.services.learning.records.countLogsOf(ctx, citizenId, year),
  });
}

@Resolver(() => MyLearningType)
export class MyLearningResolver {
  @Authorized(Role.CITIZEN)
  @Query(() => MyLearningType, { description: 'Your learning in a year: totals by month, topic and source, and the logs.' })
  async myLearning(@YearArg('The calendar year.') year: number, @Ctx() ctx: RequestContext): Promise<MyLearning> {
    const citizen = await ctx.services.learning.records.own(ctx);
    return { citizen, year, totals: await ctx.services.learning.records.totals(ctx, citizen, year) };
  }

  @Authorized(Role.CITIZEN)
  @Query(() => LearningExportType, { description: 'Your whole learning record, as JSON and as xAPI statements.' })
  async exportMyLearning(@Ctx() ctx: RequestContext): Promise<LearningExportType> {
    const citizen = await ctx.services.learning.records.own(ctx);
    const logs = await ctx.services.learning.records.allLogsOf(ctx, citizen);
    const mapping = await ctx.services.learning.records.exportMapping(ctx);
    return {
      exportedAt: ctx.now,
      json: { citizen: { id: citizen.id, fullName: citizen.fullName, birthYear: citizen.birthYear }, logs: logs.map(toJsonRecord) },
      xapiStatements: logs.map((log) => toXapiStatement(log, citizen.id, citizen.fullName, mapping)),
    };
  }

  @FieldResolver(() => Int)
  year(@Root() root: MyLearning): number {
    return root.year;
  }

  @FieldResolver(() => Number)
  verifiedHours(@Root() root: MyLearning): number {
    return root.totals.total.verifiedHours;
  }

  @FieldResolver(() => Number)
  pendingHours(@Root() root: MyLearning): number {
    return root.totals.total.pendingHours;
  }

  @FieldResolver()
  byMonth(@Root() root: MyLearning) {
    return root.totals.byMonth.map((row) => ({ ...row, month: Number(row.key.slice(5, 7)) }));
  }

  @FieldResolver()
  byTopic(@Root() root: MyLearning) {
    return root.totals.byTopic.map((row) => ({ ...row, topic: row.key as Topic }));
  }

  @FieldResolver()
  bySource(@Root() root: MyLearning) {
    return root.totals.bySource.map((row) => ({ ...row, source: row.key as LogSource }));
  }

  @FieldResolver(() => LearningLogConnection, { description: 'The year’s logs, latest day first, in every status.' })
  logs(@Root() root: MyLearning, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<LearningLog>> {
    return logsConnection(ctx, root.citizen.id, root.year, page);
  }
}

@Resolver(() => CitizenType)
export class CitizenLearningResolver {
  @FieldResolver(() => LearningLogConnection, { nullable: true, description: 'The citizen’s learning logs, latest day first; for the citizen and assessors of their unit.' })
  learningLogs(
    @Root() citizen: Citizen,
    @YearArg('Only this year.', { nullable: true }) year: number | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<LearningLog>> {
    ctx.services.learning.records.checkReadable(ctx.actor, citizen);
    // An omitted argument arrives as undefined: every year, not a year of null.
    return logsConnection(ctx, citizen.id, year ?? null, page);
  }
}
