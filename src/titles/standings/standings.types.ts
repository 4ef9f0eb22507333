import { Field, Float, Int, ObjectType } from 'type-graphql';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import { TargetPopulation } from './standings.enums';
import { TitleKind } from '../titles.enums';

@ObjectType('TitleTarget', { description: 'A national target: the share of a population holding a title by the end of a year (387/QĐ-TTg, 677/QĐ-TTg, 1373/QĐ-TTg).' })
export class TitleTargetType {
  @Field(() => TitleKind, { description: 'The title.' })
  titleKind!: TitleKind;

  @Field(() => UnitLevel, { nullable: true, description: 'For a Learning Community: the level of the units counted.' })
  unitLevel!: UnitLevel | null;

  @Field(() => TargetPopulation, { description: 'Whom it counts.' })
  population!: TargetPopulation;

  @Field(() => Int, { description: 'The year it is to be reached by.' })
  targetYear!: number;

  @Field(() => Float, { description: 'The share, from 0 to 1 (0.7 = 70 %).' })
  share!: number;

  @Field({ description: 'The texts setting it.' })
  basis!: string;

  @Field({ description: 'What it says, in the language of the request.' })
  label!: string;
}

@ObjectType('TitleStandingRow', { simpleResolvers: true, description: 'How many subjects of a unit (and everything under it) were evaluated, meet the criteria and are recognised, against the target.' })
export class TitleStandingRowType {
  @Field(() => AdministrativeUnitType, { description: 'The unit.' })
  unit!: unknown;

  @Field(() => Int, { description: 'Subjects with computed progress for the year.' })
  evaluated!: number;

  @Field(() => Int, { description: 'Of them, those meeting the criteria (as last computed).' })
  meeting!: number;

  @Field(() => Int, { description: 'Subjects recognised for the year (awards not revoked).' })
  recognised!: number;

  @Field(() => Int, {
    description: 'Subjects holding the title as the movement counts them: recognised (awards not revoked) where the year\'s recognition is recorded, meeting the criteria (provisional) where it is not.',
  })
  holding!: number;

  @Field(() => Float, { nullable: true, description: 'meeting ÷ evaluated; null without subjects.' })
  meetingShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'recognised ÷ evaluated; null without subjects.' })
  recognisedShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'The share compared with the target: holding ÷ evaluated, so recognitions where the year\'s recognition is recorded and provisional progress elsewhere; null without subjects.' })
  comparedShare!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when comparedShare is below the target; null without a target or without subjects.' })
  behindTarget!: boolean | null;
}

@ObjectType('TitleLeaderboardEntry', { simpleResolvers: true, description: 'A unit in a leaderboard of units (never of persons).' })
export class TitleLeaderboardEntryType extends TitleStandingRowType {
  @Field(() => Int, { description: 'Its rank, from 1; units with equal shares share a rank.' })
  rank!: number;
}

@ObjectType('TitleStandings', { simpleResolvers: true, description: 'Where the child units of a unit stand for a title and year, against the national targets.' })
export class TitleStandingsType {
  @Field(() => AdministrativeUnitType, { description: 'The unit asked about.' })
  unit!: unknown;

  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => TitleKind, { description: 'The title.' })
  titleKind!: TitleKind;

  @Field(() => UnitLevel, { nullable: true, description: 'For a Learning Community: the level of the units counted.' })
  unitLevel!: UnitLevel | null;

  @Field({ description: 'True when the year has ended. Whether a unit\'s share counts recognitions depends on its recognition being recorded, not on the year having ended: see holding.' })
  yearClosed!: boolean;

  @Field(() => TitleTargetType, { nullable: true, description: 'The target compared with: the title\'s own subjects, for the first target year not before the year; null when the texts set none.' })
  target!: TitleTargetType | null;

  @Field(() => [TitleTargetType], { description: 'Every national target of the title (other populations and years too), for reference.' })
  targets!: TitleTargetType[];

  @Field(() => TitleStandingRowType, { description: 'The unit as a whole.' })
  total!: TitleStandingRowType;

  @Field(() => [TitleStandingRowType], { description: 'Each child unit valid during the year (communes of a province, hamlets of a commune), by name.' })
  children!: TitleStandingRowType[];
}
