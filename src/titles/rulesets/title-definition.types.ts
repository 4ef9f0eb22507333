import { ArrayMaxSize, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { IndicatorMinimumKind, IndicatorSource, PassRuleKind, TitleKind } from '../titles.enums';
import type { MetricParams } from './ruleset.entity';

/** Largest score, threshold or total a ruleset may hold (the columns are numeric(8,2)). */
const MAX_NUMBER = 100_000;

@ObjectType('TitlePassRule', { simpleResolvers: true, description: 'How a definition decides that a subject meets the criteria: points, or a checklist with levels.' })
export class PassRuleType {
  @Field(() => PassRuleKind, { description: 'Points or checklist.' })
  kind!: PassRuleKind;

  @Field({ description: 'The kind, in the language of the request.' })
  kindLabel!: string;

  @Field(() => Float, { nullable: true, description: 'POINTS: the maximum total; the indicators\' maximum scores add up to it.' })
  totalPoints!: number | null;

  @Field(() => Float, { nullable: true, description: 'POINTS: the total needed (compared with ≥).' })
  threshold!: number | null;

  @Field(() => Float, { nullable: true, description: 'POINTS: the total needed by subjects in a disadvantaged area (the unit they live in or one above it is flagged); none when null.' })
  disadvantagedThreshold!: number | null;

  @Field(() => Float, { nullable: true, description: 'POINTS: no indicator may score below this; none when null.' })
  indicatorMinimum!: number | null;

  @Field(() => IndicatorMinimumKind, { nullable: true, description: 'POINTS: whether `indicatorMinimum` is points or a fraction of each indicator\'s maximum.' })
  indicatorMinimumKind!: IndicatorMinimumKind | null;

  @Field(() => Float, { nullable: true, description: 'POINTS: no criterion\'s sum may be below this; none when null. Indicators outside every criterion are held only to `indicatorMinimum`.' })
  criterionMinimum!: number | null;

  @Field(() => IndicatorMinimumKind, { nullable: true, description: 'POINTS: whether `criterionMinimum` is points or a fraction of each criterion\'s maximum.' })
  criterionMinimumKind!: IndicatorMinimumKind | null;

  @Field(() => Int, { nullable: true, description: 'CHECKLIST: the number of levels; level n is reached when every indicator of levels 1 to n is met.' })
  levels!: number | null;
}

@ObjectType('TitleScoringBand', { simpleResolvers: true, description: 'A step of a scoring table: a metric value of at least `atLeast` scores `points` (the highest step reached counts; below the first, 0).' })
export class ScoringBandType {
  @Field(() => Float, { description: 'Lowest metric value of the step (shares are fractions: 0.7 is 70 %).' })
  atLeast!: number;

  @Field(() => Float, { description: 'Points scored from this value up.' })
  points!: number;
}

@ObjectType('TitleIndicator', { simpleResolvers: true, description: 'One criterion of a title definition.' })
export class TitleIndicatorType {
  @Field({ description: 'Code, unique within the definition, e.g. "READING"; attestations and progress refer to it.' })
  code!: string;

  @Field(() => Int, { description: 'Order within the definition, from 1.' })
  position!: number;

  @Field({ description: 'Vietnamese label.' })
  labelVi!: string;

  @Field({ description: 'English label.' })
  labelEn!: string;

  @Field(() => IndicatorSource, { description: 'Where its score comes from.' })
  source!: IndicatorSource;

  @Field(() => Float, { nullable: true, description: 'POINTS: the most it can score.' })
  maxScore!: number | null;

  @Field(() => String, { nullable: true, description: 'AUTO and AUTO_OR_ATTESTED: the metric computed (see `titleMetrics`).' })
  metric!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Parameters of the metric, as `titleMetrics` describes them.' })
  metricParams!: MetricParams | null;

  @Field(() => [ScoringBandType], { nullable: true, description: 'POINTS with a metric: the scoring table, by increasing value.' })
  scoring!: ScoringBandType[] | null;

  @Field(() => Int, { nullable: true, description: 'CHECKLIST: the level it belongs to.' })
  level!: number | null;

  @Field(() => Float, { nullable: true, description: 'CHECKLIST with a metric: met when the metric\'s value is at least this.' })
  metAtLeast!: number | null;

  @Field(() => [String], { nullable: true, description: 'LEARNING_UNIT: the organisation kinds (AGENCY, SCHOOL, ENTERPRISE, COOPERATIVE) it applies to; every subject when null.' })
  appliesTo!: string[] | null;
}

@ObjectType('TitleCriterion', { simpleResolvers: true, description: 'A criterion of a points definition: a group of indicators whose scores add up (a family\'s "adults\' learning", 30 points).' })
export class TitleCriterionType {
  @Field({ description: 'Code, unique within the definition, e.g. "ADULTS".' })
  code!: string;

  @Field(() => Int, { description: 'Order within the definition, from 1.' })
  position!: number;

  @Field({ description: 'Vietnamese label.' })
  labelVi!: string;

  @Field({ description: 'English label.' })
  labelEn!: string;

  @Field({ description: 'The label, in the language of the request.' })
  label!: string;

  @Field(() => [String], { description: 'Codes of the indicators it groups.' })
  indicatorCodes!: string[];

  @Field(() => Float, { description: 'The most it can score: the sum of its indicators\' maximum scores.' })
  maxScore!: number;
}

@ObjectType('TitleDefinition', { simpleResolvers: true, implements: Node, description: 'The criteria of one title kind (and unit level, for LEARNING_COMMUNITY) in a ruleset.' })
export class TitleDefinitionType extends Node {
  @Field(() => TitleKind, { description: 'The title.', deprecationReason: 'Use `titleKind`: the schema names a title kind `titleKind` everywhere.' })
  kind!: TitleKind;

  @Field(() => UnitLevel, { nullable: true, description: 'LEARNING_COMMUNITY: the level of the units assessed (hamlet, commune, district, province); null for other titles.' })
  unitLevel!: UnitLevel | null;

  @Field(() => Int, { description: 'Order of the definition in its ruleset (the order of evaluation: citizens first).' })
  position!: number;

  @Field(() => String, { nullable: true, description: 'The texts the criteria follow.' })
  basis!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many years a recognition of this title stays valid; one year when null.' })
  recognitionValidityYears!: number | null;
}

@InputType({ description: 'The pass rule of a definition: POINTS (totalPoints, threshold, optional disadvantagedThreshold, per-indicator and per-criterion minimums) or CHECKLIST (levels).' })
export class PassRuleInput {
  @Field(() => PassRuleKind, { description: 'Points or checklist.' })
  kind!: PassRuleKind;

  @Field(() => Float, { nullable: true, description: 'POINTS: the maximum total.' })
  @Min(0)
  @Max(MAX_NUMBER)
  totalPoints?: number;

  @Field(() => Float, { nullable: true, description: 'POINTS: the total needed.' })
  @Min(0)
  @Max(MAX_NUMBER)
  threshold?: number;

  @Field(() => Float, { nullable: true, description: 'POINTS: the total needed in disadvantaged areas.' })
  @Min(0)
  @Max(MAX_NUMBER)
  disadvantagedThreshold?: number;

  @Field(() => Float, { nullable: true, description: 'POINTS: the least any indicator may score.' })
  @Min(0)
  @Max(MAX_NUMBER)
  indicatorMinimum?: number;

  @Field(() => IndicatorMinimumKind, { nullable: true, description: 'POINTS: how `indicatorMinimum` is written.' })
  indicatorMinimumKind?: IndicatorMinimumKind;

  @Field(() => Float, { nullable: true, description: 'POINTS: the least any criterion\'s sum may be.' })
  @Min(0)
  @Max(MAX_NUMBER)
  criterionMinimum?: number;

  @Field(() => IndicatorMinimumKind, { nullable: true, description: 'POINTS: how `criterionMinimum` is written.' })
  criterionMinimumKind?: IndicatorMinimumKind;

  @Field(() => Int, { nullable: true, description: 'CHECKLIST: the number of levels.' })
  @Min(1)
  @Max(5)
  levels?: number;
}

@InputType({ description: 'A step of a scoring table.' })
export class ScoringBandInput {
  @Field(() => Float, { description: 'Lowest metric value of the step.' })
  @Min(0)
  @Max(MAX_NUMBER)
  atLeast!: number;

  @Field(() => Float, { description: 'Points scored from this value up.' })
  @Min(-MAX_NUMBER)
  @Max(MAX_NUMBER)
  points!: number;
}

@InputType({ description: 'One indicator of a definition.' })
export class TitleIndicatorInput {
  @Field({ description: 'Code, unique within the definition (letters, digits, _).' })
  @Length(1, 64)
  code!: string;

  @Field({ description: 'Vietnamese label.' })
  @Length(1, 500)
  labelVi!: string;

  @Field({ description: 'English label.' })
  @Length(1, 500)
  labelEn!: string;

  @Field(() => IndicatorSource, { description: 'Where its score comes from.' })
  source!: IndicatorSource;

  @Field(() => Float, { nullable: true, description: 'POINTS: the most it can score.' })
  @Min(0)
  @Max(MAX_NUMBER)
  maxScore?: number;

  @Field({ nullable: true, description: 'AUTO and AUTO_OR_ATTESTED: a metric of `titleMetrics`.' })
  @Length(1, 64)
  metric?: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Parameters of the metric.' })
  metricParams?: MetricParams;

  @Field(() => [ScoringBandInput], { nullable: true, description: 'POINTS with a metric: the scoring table, by increasing value.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  scoring?: ScoringBandInput[];

  @Field(() => Int, { nullable: true, description: 'CHECKLIST: the level it belongs to.' })
  @Min(1)
  @Max(5)
  level?: number;

  @Field(() => Float, { nullable: true, description: 'CHECKLIST with a metric: met at this value or above.' })
  @Min(0)
  @Max(MAX_NUMBER)
  metAtLeast?: number;

  @Field(() => [String], { nullable: true, description: 'LEARNING_UNIT: the organisation kinds it applies to.' })
  @ArrayMaxSize(10)
  appliesTo?: string[];
}

@InputType({ description: 'A criterion of a points definition, grouping some of its indicators.' })
export class TitleCriterionInput {
  @Field({ description: 'Code, unique within the definition.' })
  @Length(1, 64)
  code!: string;

  @Field({ description: 'Vietnamese label.' })
  @Length(1, 500)
  labelVi!: string;

  @Field({ description: 'English label.' })
  @Length(1, 500)
  labelEn!: string;

  @Field(() => [String], { description: 'Codes of the indicators it groups; an indicator belongs to at most one criterion.' })
  @ArrayMaxSize(50)
  @Length(1, 64, { each: true })
  indicatorCodes!: string[];
}

@InputType({ description: 'Changes to a definition of a draft ruleset; what is given replaces what was there, omitted fields stay. Consistency is checked when the ruleset is published.' })
export class UpdateTitleDefinitionInput {
  @Field(() => ID, { description: 'The definition (of a draft ruleset).' })
  id!: string;

  @Field(() => PassRuleInput, { nullable: true, description: 'The new pass rule.' })
  @ValidateNested()
  passRule?: PassRuleInput;

  @Field(() => [TitleIndicatorInput], { nullable: true, description: 'The new indicators, in order; they replace all the current ones.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  indicators?: TitleIndicatorInput[];

  @Field(() => [TitleCriterionInput], { nullable: true, description: 'POINTS: the new criteria, in order; they replace all the current ones (an empty list removes them).' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  criteria?: TitleCriterionInput[];

  @Field(() => Int, { nullable: true, description: 'How many years a recognition stays valid.' })
  @Min(1)
  @Max(10)
  recognitionValidityYears?: number;

  @Field({ nullable: true, description: 'The texts the criteria follow.' })
  @Length(0, 2000)
  basis?: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of changing a title definition.' })
export class TitleDefinitionPayload {
  @Field(() => TitleDefinitionType, { nullable: true, description: 'The definition, when the change was made.' })
  definition!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
