import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { YearField } from '../../graphql/year';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import { SubjectKind } from '../engine/engine.enums';
import { TitleRulesetType } from './ruleset.types';
import { TitleKind } from '../titles.enums';

@InputType('DryRunRulesetInput', { description: 'A draft ruleset to try out over a unit and everything under it for a year.' })
export class DryRunRulesetInput {
  @Field(() => ID, { description: 'Global id of the draft ruleset.' })
  rulesetId!: string;

  @Field(() => ID, { description: 'Global id of the administrative unit.' })
  unitId!: string;

  @YearField('The calendar year, at most the current one.')
  year!: number;
}

@ObjectType('DryRunCriterion', { simpleResolvers: true, description: 'A criterion of the draft for one title, and how many subjects the draft leaves below its minimum.' })
export class DryRunCriterionType {
  @Field({ description: 'Code of the criterion.' })
  code!: string;

  @Field({ description: 'The criterion, in the language of the request.' })
  label!: string;

  @Field(() => Float, { description: 'The most it can score: the sum of its indicators\' maximum scores.' })
  maxScore!: number;

  @Field(() => Float, { nullable: true, description: 'The least its sum may be; null when the draft sets no minimum per criterion.' })
  minimum!: number | null;

  @Field(() => Int, { nullable: true, description: 'Subjects evaluated whose sum is below the minimum; null without one.' })
  belowMinimum!: number | null;
}

@ObjectType('DryRunTitle', { simpleResolvers: true, description: 'What a draft would change for one title (and unit level) against the stored progress of the subtree.' })
export class DryRunTitleType {
  @Field(() => SubjectKind, { description: 'The kind of subject.' })
  subjectKind!: SubjectKind;

  @Field(() => TitleKind, { description: 'The title.' })
  titleKind!: TitleKind;

  @Field({ description: 'The title, in the language of the request.' })
  titleKindLabel!: string;

  @Field(() => UnitLevel, { nullable: true, description: 'LEARNING_COMMUNITY: the level of the units; null for other titles.' })
  unitLevel!: UnitLevel | null;

  @Field(() => Int, { description: 'Subjects the draft evaluates.' })
  evaluated!: number;

  @Field(() => Int, { description: 'Subjects meeting the criteria in the stored progress (the last run, with the published ruleset).' })
  meetsNow!: number;

  @Field(() => Int, { description: 'Subjects that would meet the criteria with the draft.' })
  meetsWithDraft!: number;

  @Field(() => Int, { description: 'Subjects that would gain the title.' })
  gained!: number;

  @Field(() => Int, { description: 'Subjects that would lose the title.' })
  lost!: number;

  @Field(() => Int, { description: 'Subjects whose level (checklist level, or 1 for a points pass) would rise.' })
  levelUp!: number;

  @Field(() => Int, { description: 'Subjects whose level would fall.' })
  levelDown!: number;

  @Field(() => [ID], { description: 'Global ids of up to 5 subjects that would gain the title.' })
  gainedSamples!: string[];

  @Field(() => [ID], { description: 'Global ids of up to 5 subjects that would lose the title.' })
  lostSamples!: string[];

  @Field(() => [DryRunCriterionType], { description: 'The draft\'s criteria of the title (points rules that have them), with their sums\' minimums and how many subjects fall below each.' })
  criteria!: DryRunCriterionType[];
}

@ObjectType('RulesetDryRun', { simpleResolvers: true, description: 'A draft ruleset evaluated over a unit for a year, compared with the stored progress; nothing was written.' })
export class RulesetDryRunType {
  @Field(() => TitleRulesetType, { description: 'The draft tried out.' })
  ruleset!: unknown;

  @Field(() => AdministrativeUnitType, { description: 'The unit, with everything under it.' })
  unit!: unknown;

  @Field(() => Int, { description: 'The year evaluated.' })
  year!: number;

  @Field(() => [DryRunTitleType], { description: 'Per title and unit level, bottom-up.' })
  titles!: DryRunTitleType[];
}
