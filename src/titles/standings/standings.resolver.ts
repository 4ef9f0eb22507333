import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { YearArg } from '../../graphql/year';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { pageSize } from '../../graphql/relay';
import type { TitleTarget } from './standings.entity';
import { share, type StandingRow } from './standings.service';
import { TitleLeaderboardEntryType, TitleStandingRowType, TitleStandingsType, TitleTargetType } from './standings.types';
import { DeprecatedKindArg, TitleKindArg, titleKindOf } from '../title-kind-args';
import type { TitleKind } from '../titles.enums';

const ACCESS = 'Aggregates of units only (never of persons): any signed-in account may read them.';

function toTarget(target: TitleTarget, ctx: RequestContext): TitleTargetType {
  return {
    titleKind: target.titleKind,
    unitLevel: target.unitLevel,
    population: target.population,
    targetYear: target.targetYear,
    share: target.share,
    basis: target.basis,
    label: ctx.locale === 'vi' ? target.labelVi : target.labelEn,
  };
}

function toRow(row: StandingRow): TitleStandingRowType {
  return {
    unit: row.unit,
    evaluated: row.evaluated,
    meeting: row.meeting,
    recognised: row.recognised,
    holding: row.holding,
    meetingShare: share(row.meeting, row.evaluated),
    recognisedShare: share(row.recognised, row.evaluated),
    comparedShare: row.compared,
    behindTarget: row.behindTarget,
  };
}

@Resolver()
export class TitleStandingsResolver {
  @Authorized()
  @Query(() => TitleStandingsType, {
    nullable: true,
    description: `For each child unit of a unit (communes of a province, hamlets of a commune): subjects evaluated for a title and year, meeting the criteria, recognised, and their shares, against the national targets. ${ACCESS} Null when the unit does not exist.`,
  })
  async titleStandings(
    @Arg('unitId', () => ID, { description: 'Global id of the administrative unit.' }) unitId: string,
    @YearArg('The calendar year.') year: number,
    @TitleKindArg() titleKind: TitleKind | null,
    @DeprecatedKindArg() kind: TitleKind | null,
    @Arg('unitLevel', () => UnitLevel, { nullable: true, description: 'For LEARNING_COMMUNITY (required, and only for it): the level of the units counted (HAMLET, COMMUNE, …).' }) unitLevel: UnitLevel | null,
    @Ctx() ctx: RequestContext,
  ): Promise<TitleStandingsType | null> {
    const standings = await ctx.services.titles.standings.standings(ctx, idOf('AdministrativeUnit', unitId), year, titleKindOf(titleKind, kind), unitLevel ?? null);
    if (!standings) return null;
    return {
      unit: standings.unit,
      year: standings.year,
      titleKind: standings.titleKind,
      unitLevel: standings.unitLevel,
      yearClosed: standings.yearClosed,
      target: standings.target ? toTarget(standings.target, ctx) : null,
      targets: standings.targets.map((target) => toTarget(target, ctx)),
      total: toRow(standings.total),
      children: standings.children.map(toRow),
    };
  }

  @Authorized()
  @Query(() => [TitleLeaderboardEntryType], {
    description: `The child units of a unit with subjects, ranked by the share holding a title in a year (recognised for a closed year, meeting the criteria for the current one). ${ACCESS}`,
  })
  async titleLeaderboard(
    @Arg('unitId', () => ID, { description: 'Global id of the administrative unit.' }) unitId: string,
    @YearArg('The calendar year.') year: number,
    @TitleKindArg() titleKind: TitleKind | null,
    @DeprecatedKindArg() kind: TitleKind | null,
    @Arg('unitLevel', () => UnitLevel, { nullable: true, description: 'For LEARNING_COMMUNITY (required, and only for it): the level of the units counted.' }) unitLevel: UnitLevel | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many units, 20 by default, at most 100.' }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<TitleLeaderboardEntryType[]> {
    const entries = await ctx.services.titles.standings.leaderboard(ctx, idOf('AdministrativeUnit', unitId), year, titleKindOf(titleKind, kind), unitLevel ?? null, pageSize(first));
    return entries.map((entry) => ({ ...toRow(entry), rank: entry.rank }));
  }
}

