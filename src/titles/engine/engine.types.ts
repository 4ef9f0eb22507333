import { Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { YearField } from '../../graphql/year';
import { Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { ProgressStatus, RunPhase, RunPhaseStatus, RunStatus, RunTrigger, ScoreSource, SubjectKind } from './engine.enums';
import { TitleRulesetType } from '../rulesets/ruleset.types';
import { IndicatorSource, TitleKind } from '../titles.enums';

@ObjectType('IndicatorProgress', { simpleResolvers: true, description: 'The score of one indicator in a progress row, where it came from, and why.' })
export class IndicatorProgressType {
  @Field({ description: 'Code of the indicator in the ruleset, e.g. "READING".' })
  code!: string;

  @Field({ description: 'The indicator, in the language of the request.' })
  label!: string;

  @Field(() => IndicatorSource, { description: 'Where the ruleset says its score comes from.' })
  indicatorSource!: IndicatorSource;

  @Field(() => ScoreSource, { description: 'Where this score came from: computed, an assessor\'s entry, or missing.' })
  source!: ScoreSource;

  @Field({ description: 'The source, in the language of the request.' })
  sourceLabel!: string;

  @Field(() => Float, { nullable: true, description: 'Points scored; null when an attested indicator has no entry yet.' })
  score!: number | null;

  @Field(() => Float, { description: 'The most it can score.' })
  maxScore!: number;

  @Field(() => Float, { nullable: true, description: 'The metric\'s value (hours, sessions, 0/1/2 for achievements, a fraction for plans); null for attested-only indicators and without a plan.' })
  value!: number | null;

  @Field({ description: 'One line on where the score comes from, in the language of the request ("3 verified sessions attended at institutions this year: 6 of 10 points").' })
  explanation!: string;
}

@ObjectType('CriterionProgress', { simpleResolvers: true, description: 'The sum of one criterion (a group of indicators) in a progress row or an award, against its maximum and minimum.' })
export class CriterionProgressType {
  @Field({ description: 'Code of the criterion in the ruleset, e.g. "ADULTS".' })
  code!: string;

  @Field({ description: 'The criterion, in the language of the request.' })
  label!: string;

  @Field(() => Float, { description: 'The sum of its indicators\' scores (missing entries count 0).' })
  score!: number;

  @Field(() => Float, { description: 'The most it can score: the sum of its indicators\' maximum scores.' })
  maxScore!: number;

  @Field(() => Float, { nullable: true, description: 'The least its sum may be under the pass rule; null when the rule sets no minimum per criterion.' })
  minimum!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the sum reaches the minimum; null without one.' })
  meetsMinimum!: boolean | null;

  @Field({ description: 'One line, in the language of the request ("Adults\' learning: 20 of 30 points, needs at least 15").' })
  explanation!: string;
}

@ObjectType('TitleProgressMonth', { simpleResolvers: true, description: 'The progress as the run of a month left it, for a trend.' })
export class TitleProgressMonthType {
  @Field(() => DateScalar, { description: 'First day of the month of the run (January of the next year for the final pass of a closed year).' })
  month!: string;

  @Field(() => Float, { description: 'Total points then.' })
  total!: number;

  @Field(() => ProgressStatus, { description: 'Status then.' })
  status!: ProgressStatus;

  @Field(() => Int, { nullable: true, description: 'Level reached then.' })
  levelReached!: number | null;
}

@ObjectType('TitleProgress', { simpleResolvers: true, description: "A subject's progress towards its title for a year: scores per indicator, total, status and what is missing." })
export class TitleProgressType {
  @Field(() => ID, { description: 'Global id of the subject: a Citizen, Household, Clan, Organisation or AdministrativeUnit.' })
  subjectId!: string;

  @Field(() => SubjectKind, { description: 'The kind of subject.' })
  subjectKind!: SubjectKind;

  @Field(() => TitleKind, { description: 'The title.' })
  titleKind!: TitleKind;

  @Field({ description: 'The title, in the language of the request.' })
  titleKindLabel!: string;

  @Field(() => Int, { description: 'The calendar year assessed.' })
  year!: number;

  @Field(() => TitleRulesetType, { description: 'The ruleset version it was computed with.' })
  ruleset!: unknown;

  @Field(() => Float, { description: 'Total points.' })
  total!: number;

  @Field(() => Float, { nullable: true, description: 'The total needed: the lower threshold when the subject lives in a disadvantaged area.' })
  threshold!: number | null;

  @Field({ description: 'Whether the subject lives in a disadvantaged area (its unit or one above it is flagged).' })
  disadvantaged!: boolean;

  @Field(() => ProgressStatus, { description: 'Meets the criteria, not yet, or awaiting assessment.' })
  status!: ProgressStatus;

  @Field({ description: 'The status, in the language of the request.' })
  statusLabel!: string;

  @Field(() => Int, { nullable: true, description: 'Level reached: 1 when a points rule holds, 0 otherwise.' })
  levelReached!: number | null;

  @Field(() => [IndicatorProgressType], { description: 'Every indicator of the definition, in order.' })
  indicators!: IndicatorProgressType[];

  @Field(() => [CriterionProgressType], { description: 'The criteria grouping the indicators (points rules that have them), in order, with their sums; empty otherwise.' })
  criteria!: CriterionProgressType[];

  @Field(() => [String], { description: 'What is missing to meet the criteria, one line each, in the language of the request; empty when met.' })
  missing!: string[];

  @Field(() => Date, { description: 'When it was computed: for stored progress, by the last run that changed it (a run finding the same progress leaves it as it was).' })
  computedAt!: Date;

  @Field({ description: 'True when computed for this request (a citizen\'s own progress is always live); false when read from the last run.' })
  live!: boolean;

  @Field(() => [TitleProgressMonthType], { description: 'The progress left by each monthly run of the year, oldest first.' })
  history!: TitleProgressMonthType[];
}

@ObjectType('TitleRunPhaseCounts', { simpleResolvers: true, description: 'How many subjects of a phase ended in each status.' })
export class TitleRunPhaseCountsType {
  @Field(() => RunPhase, { description: 'The phase.' })
  phase!: RunPhase;

  @Field(() => Int, { description: 'Subjects meeting the criteria.' })
  meets!: number;

  @Field(() => Int, { description: 'Subjects not meeting them yet.' })
  notYet!: number;

  @Field(() => Int, { description: 'Subjects awaiting assessment.' })
  awaiting!: number;
}

@ObjectType('TitleRunPhaseProgress', { simpleResolvers: true, description: 'Where one phase of a run stands.' })
export class TitleRunPhaseProgressType {
  @Field(() => RunPhase, { description: 'The phase.' })
  phase!: RunPhase;

  @Field(() => RunPhaseStatus, { description: 'Pending, running or done.' })
  status!: RunPhaseStatus;

  @Field(() => Int, { description: 'Subjects the phase evaluates: counted once the phase has started, estimated from the subtree before.' })
  subjects!: number;

  @Field({ description: 'False while `subjects` is the estimate made when the run started.' })
  counted!: boolean;

  @Field(() => Int, { description: 'Subjects written: all of them once done, 0 while pending.' })
  subjectsDone!: number;
}

@ObjectType('TitleRun', { simpleResolvers: true, implements: Node, description: 'A recalculation of the titles of a unit and everything under it for a year.' })
export class TitleRunType extends Node {
  @Field(() => Int, { description: 'The year recalculated.' })
  year!: number;

  @Field(() => RunStatus, { description: 'Queued, running, succeeded or failed.' })
  status!: RunStatus;

  @Field(() => RunTrigger, { description: 'The monthly schedule or a request.' })
  trigger!: RunTrigger;

  @Field(() => RunPhase, { nullable: true, description: 'The phase being (or last) evaluated.' })
  phase!: RunPhase | null;

  @Field(() => [RunPhase], { description: 'Phases finished, in order.' })
  phasesDone!: RunPhase[];

  @Field(() => Int, { description: 'Subjects written so far in the current phase.' })
  subjectsDone!: number;

  @Field(() => Int, { nullable: true, description: 'Subjects the current phase evaluates; null until it has counted them.' })
  subjectsTotal!: number | null;

  @Field(() => Float, {
    description:
      'The share of the whole run done, from 0 to 1, for one progress bar: every phase weighs its subjects (plus one for its own set-up), the current one counts the subjects written so far. It never goes back, and is 1 once the run has succeeded.',
  })
  progress!: number;

  @Field(() => Int, { description: 'Progress rows and monthly history rows written by the finished phases: a history row for every subject, a progress row only for a subject whose progress changed.' })
  rowsWritten!: number;

  @Field(() => Int, { description: 'How many times a worker started it (more than 1 after a crash or an error).' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When a worker first started it.' })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it finished.' })
  finishedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Milliseconds from start to finish.' })
  durationMs!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed.' })
  error!: string | null;

  @Field(() => Date, { description: 'When it was requested.' })
  createdAt!: Date;
}

@InputType({ description: 'Which unit (with everything under it) and year to recalculate.' })
export class RecalculateTitlesInput {
  @Field(() => ID, { description: 'Global id of the administrative unit.' })
  unitId!: string;

  @YearField('The calendar year, at most the current one.')
  year!: number;
}

@ObjectType({ description: 'The run started, or the one already running for the unit and year.' })
export class RecalculateTitlesPayload {
  @Field(() => TitleRunType, { nullable: true, description: 'The run; null when there are errors.' })
  run!: unknown;

  @Field(() => [UserError], { description: 'What to fix in the input; empty on success.' })
  errors!: UserError[];
}

@ObjectType('TitleAttestationChange', { simpleResolvers: true, description: 'One change of an attestation: who, when, old → new.' })
export class TitleAttestationChangeType {
  @Field(() => Date, { description: 'When.' })
  changedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Display name of who changed it.' })
  changedByName!: string | null;

  @Field(() => Float, { nullable: true, description: 'Score before; null for the first entry or a checklist.' })
  scoreBefore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Score after.' })
  scoreAfter!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Met before (checklists).' })
  metBefore!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Met after (checklists).' })
  metAfter!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Note before.' })
  noteBefore!: string | null;

  @Field(() => String, { nullable: true, description: 'Note after.' })
  noteAfter!: string | null;
}

@ObjectType('TitleAttestation', { simpleResolvers: true, description: "An assessor's entry for an attested indicator of a subject in a year." })
export class TitleAttestationType {
  @Field(() => ID, { description: 'Global id of the subject.' })
  subjectId!: string;

  @Field(() => TitleKind, { description: 'The title.' })
  titleKind!: TitleKind;

  @Field({ description: 'Code of the indicator.' })
  indicatorCode!: string;

  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'Points given (points rules).' })
  score!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Met or not (checklists).' })
  met!: boolean | null;

  @Field(() => String, { nullable: true, description: 'The assessor\'s note.' })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'Object key of the evidence file.' })
  evidenceKey!: string | null;

  @Field(() => String, { nullable: true, description: 'Display name of who made the current entry.' })
  enteredByName!: string | null;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;

  @Field(() => [TitleAttestationChangeType], { description: 'Every change, oldest first.' })
  changes!: TitleAttestationChangeType[];
}

@InputType({ description: 'An assessor\'s entry for an attested indicator: a score for a points rule, met / not met for a checklist.' })
export class AttestIndicatorInput {
  @Field(() => ID, { description: 'Global id of the subject: a Citizen, Household, Clan, Organisation or AdministrativeUnit.' })
  subjectId!: string;

  @YearField('The year assessed.')
  year!: number;

  @Field({ description: 'Code of an ATTESTED or AUTO_OR_ATTESTED indicator of the criteria in force for the year.' })
  @Length(1, 64)
  indicatorCode!: string;

  @Field(() => Float, { nullable: true, description: 'Points, from 0 to the indicator\'s maximum (points rules).' })
  @Min(0)
  @Max(100_000)
  score?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Met or not (checklists).' })
  met?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A note, up to 2000 characters.' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of an evidence file you uploaded (`evidence.key` of `completeEvidenceUpload`); a key already on the attestation may stay.' })
  evidenceKey?: string | null;
}

@ObjectType({ description: 'The attestation as recorded.' })
export class AttestIndicatorPayload {
  @Field(() => TitleAttestationType, { nullable: true, description: 'The attestation; null when there are errors.' })
  attestation!: TitleAttestationType | null;

  @Field(() => [UserError], { description: 'What to fix in the input; empty on success.' })
  errors!: UserError[];
}
