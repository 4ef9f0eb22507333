import { createUnionType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import { nodeTypeName } from '../../graphql/node-registry';
import { CitizenType } from '../../people/citizens/citizen.types';
import { ClanType, HouseholdType, OrganisationType } from '../../people/groups/groups.types';
import { YearField } from '../../graphql/year';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { ProgressStatus, ScoreSource, SubjectKind } from '../engine/engine.enums';
import { AwardStatus, DecisionLevel } from './recognition.enums';
import { TitleKind } from '../titles.enums';

@ObjectType('TitleAwardIndicator', { simpleResolvers: true, description: 'The score of one indicator as it stood when the title was recognised (frozen).' })
export class TitleAwardIndicatorType {
  @Field({ description: 'Code of the indicator in the ruleset version of the award.' })
  code!: string;

  @Field({ description: 'The indicator, in the language of the request (the code when its definition is gone).' })
  label!: string;

  @Field(() => Float, { nullable: true, description: 'The most it scores (1 for a checklist item); null when its definition is gone.' })
  maxScore!: number | null;

  @Field(() => ScoreSource, { description: 'Where the score came from.' })
  source!: ScoreSource;

  @Field(() => Float, { nullable: true, description: 'Points scored; null when it was missing.' })
  score!: number | null;

  @Field(() => Float, { nullable: true, description: 'The metric\'s value then, for computed indicators.' })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'Where the score came from in one sentence, in the language of the request, as the progress said it then.' })
  explanation!: string | null;
}

/** What a title is about: a citizen, a household, a clan, an organisation or an administrative unit. */
export const TitleSubjectUnion = createUnionType({
  name: 'TitleSubject',
  description: 'What a title is about: a citizen (Learning Citizen), a household, a clan, an organisation (Learning Unit) or an administrative unit (Learning Community).',
  types: () => [CitizenType, HouseholdType, ClanType, OrganisationType, AdministrativeUnitType] as const,
  resolveType: (value: object) => nodeTypeName(value),
});

@ObjectType('TitleAward', {
  simpleResolvers: true,
  implements: Node,
  description: 'A title recognised for a subject and a closed year by an authority\'s decision, with the progress it relied on frozen. Never edited; it can be revoked with a reason.',
})
export class TitleAwardType extends Node {
  @Field(() => SubjectKind, { description: 'The kind of subject.' })
  subjectKind!: SubjectKind;

  @Field(() => TitleKind, { description: 'The title recognised.' })
  titleKind!: TitleKind;

  @Field(() => UnitLevel, { nullable: true, description: 'For a Learning Community: the level of the unit recognised.' })
  unitLevel!: UnitLevel | null;

  @Field(() => Int, { description: 'The year recognised.' })
  year!: number;

  @Field({ description: 'Number of the decision, e.g. "125/QĐ-UBND".' })
  decisionNumber!: string;

  @Field(() => DateScalar, { description: 'Date of the decision.' })
  decisionDate!: string;

  @Field({ description: 'The authority that issued it, e.g. "UBND phường Long An".' })
  issuer!: string;

  @Field(() => DecisionLevel, { description: 'The administrative level of the issuing authority.' })
  decisionLevel!: DecisionLevel;

  @Field(() => DateScalar, { description: 'Last day the recognition is valid (included): the decision date plus the validity of the title\'s definition (one year unless the definition says more).' })
  validUntil!: string;

  @Field(() => Float, { description: 'Total points of the progress recognised (frozen).' })
  total!: number;

  @Field(() => Float, { nullable: true, description: 'The total the subject needed then.' })
  threshold!: number | null;

  @Field(() => ProgressStatus, { description: 'The progress status recognised: MEETS_CRITERIA, or another one when recognised with an override.' })
  progressStatus!: ProgressStatus;

  @Field(() => Int, { nullable: true, description: 'The level reached then.' })
  levelReached!: number | null;

  @Field(() => Date, { description: 'When the progress recognised was computed.' })
  progressComputedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why it was recognised although the criteria were not met; null when they were.' })
  overrideReason!: string | null;

  @Field(() => Date, { description: 'When the recognition was recorded.' })
  recordedAt!: Date;

  @Field(() => AwardStatus, { description: 'Awarded or revoked.' })
  status!: AwardStatus;

  @Field(() => Date, { nullable: true, description: 'When it was revoked.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  revocationReason!: string | null;
}

@ObjectType('TitleAwardEdge', { description: 'An award in a list.' })
export class TitleAwardEdge extends EdgeType('TitleAward', TitleAwardType) {}

@ObjectType('TitleAwardConnection', { description: 'A page of title awards, the most recently recorded first.' })
export class TitleAwardConnection extends ConnectionType('TitleAward', TitleAwardEdge) {}

@InputType({ description: 'Which awards to list.' })
export class TitleAwardFilter {
  @Field(() => ID, { description: 'Global id of an administrative unit: awards of subjects in it or under it.' })
  unitId!: string;

  @YearField('Only this year.', { nullable: true })
  year?: number | null;

  @Field(() => TitleKind, { nullable: true, description: 'Only this title.' })
  titleKind?: TitleKind | null;

  @Field(() => UnitLevel, { nullable: true, description: 'Only Learning Communities of this level.' })
  unitLevel?: UnitLevel | null;

  @Field(() => AwardStatus, { nullable: true, description: 'Only awarded, or only revoked.' })
  status?: AwardStatus | null;
}

@InputType({ description: 'The decision that recognises the titles.' })
export class TitleDecisionInput {
  @Field({ description: 'Its number, e.g. "125/QĐ-UBND"; 1 to 64 characters.' })
  number!: string;

  @Field(() => DateScalar, { description: 'Its date: after the year recognised has ended, and not in the future.' })
  date!: string;

  @Field({ description: 'The authority that issued it, e.g. "UBND phường Long An"; 1 to 300 characters.' })
  issuer!: string;

  @Field(() => DecisionLevel, { description: 'The administrative level of that authority; it must be the level that recognises the title (see recogniseTitles).' })
  level!: DecisionLevel;
}

@InputType({ description: 'Recognising subjects that do not meet the criteria, on purpose.' })
export class RecognitionOverrideInput {
  @Field({ description: 'Why; 1 to 2000 characters, kept on each award it was used for.' })
  reason!: string;
}

@InputType({ description: 'A decision recognising a title for one or more subjects and a closed year.' })
export class RecognizeTitlesInput {
  @Field(() => TitleDecisionInput, { description: 'The decision.' })
  decision!: TitleDecisionInput;

  @Field(() => [ID], { description: 'Global ids of the subjects (Citizens), 1 to 500, each listed once.' })
  subjectIds!: string[];

  @YearField('The year recognised; it must have ended (Asia/Ho_Chi_Minh).')
  year!: number;

  @Field(() => TitleKind, { description: 'The title recognised; it must be the subjects\' title.' })
  titleKind!: TitleKind;

  @Field(() => UnitLevel, { nullable: true, description: 'For a Learning Community (only): the level of the units recognised.' })
  unitLevel?: UnitLevel | null;

  @Field(() => RecognitionOverrideInput, { nullable: true, description: 'Recognise also the subjects whose progress for the year does not meet the criteria, for this reason.' })
  override?: RecognitionOverrideInput | null;
}

@ObjectType('TitleRecognitionResult', { simpleResolvers: true, description: 'What became of one subject of a recognition.' })
export class TitleRecognitionResultType {
  @Field(() => ID, { description: 'Global id of the subject, as given.' })
  subjectId!: string;

  @Field(() => TitleAwardType, { nullable: true, description: 'Its award (also when a retry finds it already recorded by this decision); null when refused.' })
  award!: unknown;

  @Field(() => [UserError], { description: 'Why this subject was not recognised (CRITERIA_NOT_MET, NOT_EVALUATED, ALREADY_RECOGNISED, …); empty when it was.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The outcome of a recognition: one result per subject, in the order given.' })
export class RecognizeTitlesPayload {
  @Field(() => [TitleRecognitionResultType], { description: 'Per subject; empty when the input as a whole has errors.' })
  results!: TitleRecognitionResultType[];

  @Field(() => Int, { description: 'How many subjects hold the award after this decision.' })
  recognisedCount!: number;

  @Field(() => [UserError], { description: 'What to fix in the input as a whole (nothing was recorded); empty otherwise.' })
  errors!: UserError[];
}

@InputType({ description: 'Revoking a recognition.' })
export class RevokeTitleAwardInput {
  @Field(() => ID, { description: 'Global id of the TitleAward.' })
  awardId!: string;

  @Field({ description: 'Why; 1 to 2000 characters.' })
  reason!: string;
}

@ObjectType({ description: 'The award, revoked.' })
export class RevokeTitleAwardPayload {
  @Field(() => TitleAwardType, { nullable: true, description: 'The award; null when there are errors.' })
  award!: unknown;

  @Field(() => [UserError], { description: 'What to fix in the input; empty on success.' })
  errors!: UserError[];
}
