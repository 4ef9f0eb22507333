import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BodyType } from '../../bodies/body.types';
import { Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { ReportPeriodKind, ReportPeriodStatus, ReportStatus } from '../reports.enums';

@ObjectType('ReportPeriod', { simpleResolvers: true, implements: Node, description: 'A round of reports the province asks for: the annual report of a year, or a review of several years.' })
export class ReportPeriodType extends Node {
  @Field(() => ReportPeriodKind, { description: 'Annual report or review.' })
  kind!: ReportPeriodKind;

  @Field(() => Int, { description: 'First year covered.' })
  fromYear!: number;

  @Field(() => Int, { description: 'Last year covered.' })
  toYear!: number;

  @Field(() => DateScalar, { description: 'Last day of the data the figures count.' })
  cutOffDate!: string;

  @Field(() => DateScalar, { description: 'Last day a report is on time (10 December for annual reports).' })
  dueDate!: string;

  @Field(() => ReportPeriodStatus, { description: 'Whether reports are still received.' })
  status!: ReportPeriodStatus;
}

@ObjectType('Report', { simpleResolvers: true, implements: Node, description: "One version of a body's report for a period. Seen by the body's officers, and by the Department of Education once submitted." })
export class ReportType extends Node {
  @Field(() => Int, { description: 'Version: a correction after a return or an acceptance is the next one.' })
  version!: number;

  @Field(() => ReportStatus, { description: 'Where this version stands.' })
  status!: ReportStatus;

  @Field(() => String, { nullable: true, description: 'What was done in the period.' })
  achievements!: string | null;

  @Field(() => String, { nullable: true, description: 'Policies and documents issued.' })
  policies!: string | null;

  @Field(() => String, { nullable: true, description: 'Propaganda and communication.' })
  propaganda!: string | null;

  @Field(() => String, { nullable: true, description: 'Models and initiatives.' })
  models!: string | null;

  @Field(() => String, { nullable: true, description: 'Difficulties met.' })
  difficulties!: string | null;

  @Field(() => String, { nullable: true, description: 'Proposals to the province.' })
  proposals!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was submitted.' })
  submittedAt!: Date | null;

  @Field({ description: "Submitted after the period's due date." })
  late!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the Department accepted or returned it.' })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the Department returned it.' })
  returnReason!: string | null;
}

@ObjectType('ConsolidatedReport', { simpleResolvers: true, implements: Node, description: "The province's report for a period, consolidated by the Department of Education from the accepted reports and the province-wide figures." })
export class ConsolidatedReportType extends Node {
  @Field(() => Int, { description: 'Version: consolidating again makes the next one.' })
  version!: number;

  @Field(() => Date, { description: 'When it was consolidated.' })
  createdAt!: Date;
}

@ObjectType('SubmissionBoardLine', { description: "One reporting body's state in a period." })
export class SubmissionBoardLineType {
  @Field({ description: 'Its latest version is a draft being written.' })
  drafting!: boolean;

  @Field({ description: 'No version submitted or accepted yet.' })
  missing!: boolean;

  @Field({ description: 'Its report was submitted after the due date.' })
  late!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the Department last reminded it.' })
  remindedAt!: Date | null;
}

@ObjectType('SubmissionBoard', { simpleResolvers: true, description: "A period's reporting bodies and where their reports stand (the Department of Education)." })
export class SubmissionBoardType {
  @Field(() => [SubmissionBoardLineType], { description: 'One line per reporting body, by name.' })
  lines!: object[];

  @Field(() => Int, { description: 'Bodies that have submitted or been accepted.' })
  reportedCount!: number;

  @Field(() => Int, { description: 'Bodies that have not.' })
  missingCount!: number;

  @Field(() => Int, { description: 'Bodies whose report came after the due date.' })
  lateCount!: number;
}

@InputType({ description: 'A report period to open.' })
export class OpenReportPeriodInput {
  @Field(() => ReportPeriodKind, { description: 'Annual report or review.' })
  kind!: ReportPeriodKind;

  @Field(() => Int, { description: 'First year covered.' })
  fromYear!: number;

  @Field(() => Int, { description: 'Last year covered.' })
  toYear!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the data counted; the due date when omitted.' })
  cutOffDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day on time; 10 December of the last year for an annual period, required for a review.' })
  dueDate?: string | null;
}

@InputType({ description: 'A report period.' })
export class ReportPeriodInput {
  @Field(() => ID, { description: 'The period.' })
  periodId!: string;
}

@InputType({ description: 'Bodies to add to and remove from those reporting in a period.' })
export class AdjustReportingBodiesInput extends ReportPeriodInput {
  @Field(() => [ID], { defaultValue: [], description: 'Bodies that must report too.' })
  addBodyIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Bodies that no longer report in it.' })
  removeBodyIds!: string[];
}

@InputType({ description: "A body's report in a period." })
export class PrepareReportInput extends ReportPeriodInput {
  @Field(() => ID, { description: 'The body you act for.' })
  bodyId!: string;
}

@InputType({ description: 'A version of a report.' })
export class ReportInput {
  @Field(() => ID, { description: 'The report.' })
  reportId!: string;
}

const SECTION_MAX = 20_000;

@InputType({ description: 'Narrative sections of a draft to write; a section left out stays as it is, null clears it.' })
export class UpdateReportDraftInput extends ReportInput {
  @Field(() => String, { nullable: true, description: 'What was done in the period.' })
  @IsOptional()
  @MaxLength(SECTION_MAX)
  achievements?: string | null;

  @Field(() => String, { nullable: true, description: 'Policies and documents issued.' })
  @IsOptional()
  @MaxLength(SECTION_MAX)
  policies?: string | null;

  @Field(() => String, { nullable: true, description: 'Propaganda and communication.' })
  @IsOptional()
  @MaxLength(SECTION_MAX)
  propaganda?: string | null;

  @Field(() => String, { nullable: true, description: 'Models and initiatives.' })
  @IsOptional()
  @MaxLength(SECTION_MAX)
  models?: string | null;

  @Field(() => String, { nullable: true, description: 'Difficulties met.' })
  @IsOptional()
  @MaxLength(SECTION_MAX)
  difficulties?: string | null;

  @Field(() => String, { nullable: true, description: 'Proposals to the province.' })
  @IsOptional()
  @MaxLength(SECTION_MAX)
  proposals?: string | null;
}

@InputType({ description: 'A submitted report to return, and why.' })
export class ReturnReportInput extends ReportInput {
  @Field({ description: 'What the body must correct.' })
  @Length(1, 2000)
  reason!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of opening or changing a report period.' })
export class ReportPeriodPayload {
  @Field(() => ReportPeriodType, { nullable: true, description: 'The period.' })
  period!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of preparing, submitting or reviewing a report.' })
export class ReportPayload {
  @Field(() => ReportType, { nullable: true, description: 'The report version.' })
  report!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of reminding the bodies that have not reported.' })
export class SendReportRemindersPayload {
  @Field(() => [BodyType], { nullable: true, description: 'The bodies reminded.' })
  remindedBodies!: object[] | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of consolidating the reports of a period.' })
export class ConsolidatedReportPayload {
  @Field(() => ConsolidatedReportType, { nullable: true, description: 'The new consolidated report.' })
  consolidatedReport!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

