import { ArrayMaxSize, ArrayMinSize, Length, Max, Min } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Topic } from '../catalogue/catalogue.enums';
import { ConnectionType, EdgeType, Node } from '../graphql/relay';
import { DateScalar } from '../graphql/scalars';
import { UserError } from '../graphql/user-error';
import { AttendanceMethod, AttendanceStatus, EnrollmentStatus, LineOutcome, LogResult, LogSource, LogStatus } from './learning.enums';

@ObjectType('Enrollment', { simpleResolvers: true, implements: Node, description: 'A citizen’s registration for a session. Seen by the citizen, staff of the session’s institution, assessors of the citizen’s unit.' })
export class EnrollmentType extends Node {
  @Field(() => EnrollmentStatus, { description: 'Enrolled (has a seat), waitlisted or cancelled.' })
  status!: EnrollmentStatus;

  @Field({ description: 'When the citizen (last) asked for a seat; the waitlist is served in this order.' })
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  cancelledAt!: Date | null;
}

@ObjectType('LearningLog', {
  simpleResolvers: true,
  implements: Node,
  description: 'One record of learning (shaped after an xAPI statement). Never edited or deleted; a correction voids it. Seen by the citizen, assessors of their unit and staff of the institution it names.',
})
export class LearningLogType extends Node {
  @Field(() => LogSource, { description: 'Where it comes from.' })
  source!: LogSource;

  @Field(() => LogStatus, { description: 'Pending, verified, rejected or voided.' })
  status!: LogStatus;

  @Field(() => String, { nullable: true, description: 'Why it was rejected or voided.' })
  statusReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When its status last changed (verified, rejected, voided).' })
  statusChangedAt!: Date | null;

  @Field(() => DateScalar, { description: 'The calendar day it happened (Asia/Ho_Chi_Minh).' })
  occurredOn!: string;

  @Field(() => Float, { description: 'Learning hours, more than 0 and at most 12.' })
  hours!: number;

  @Field(() => [Topic], { description: 'Topics learnt.' })
  topics!: Topic[];

  @Field(() => LogResult, { description: 'Participated or completed.' })
  result!: LogResult;

  @Field(() => Float, { nullable: true, description: 'Score from 0 to 100, when there was one.' })
  score!: number | null;

  @Field(() => String, { nullable: true, description: 'Number of the certificate, when one was awarded.' })
  certificateNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The external course or activity, in the learner’s words, or the resource’s title.' })
  activityTitle!: string | null;

  @Field(() => ID, { nullable: true, description: 'The platform resource studied (source RESOURCE_STUDY).' })
  resourceId!: string | null;
}

@ObjectType('LearningLogEdge', { simpleResolvers: true, description: 'One learning log in a list.' })
export class LearningLogEdge extends EdgeType('LearningLog', LearningLogType) {}

@ObjectType('LearningLogConnection', { simpleResolvers: true, description: 'A page of learning logs.' })
export class LearningLogConnection extends ConnectionType('LearningLog', LearningLogEdge) {}

@ObjectType('EnrollmentEdge', { simpleResolvers: true, description: 'One enrollment in a list.' })
export class EnrollmentEdge extends EdgeType('Enrollment', EnrollmentType) {}

@ObjectType('EnrollmentConnection', { simpleResolvers: true, description: 'A page of enrollments.' })
export class EnrollmentConnection extends ConnectionType('Enrollment', EnrollmentEdge) {}

@ObjectType('AttendanceRecord', { simpleResolvers: true, description: 'Whether a person attended a session, as last marked.' })
export class AttendanceRecordType {
  @Field(() => AttendanceStatus, { description: 'Present or absent.' })
  status!: AttendanceStatus;

  @Field(() => AttendanceMethod, { description: 'How it was recorded.' })
  method!: AttendanceMethod;

  @Field({ description: 'When it was last marked.' })
  markedAt!: Date;
}

@ObjectType('AttendanceRecordEdge', { simpleResolvers: true, description: 'One attendance record in a list.' })
export class AttendanceRecordEdge extends EdgeType('AttendanceRecord', AttendanceRecordType) {}

@ObjectType('AttendanceRecordConnection', { simpleResolvers: true, description: 'A page of attendance records.' })
export class AttendanceRecordConnection extends ConnectionType('AttendanceRecord', AttendanceRecordEdge) {}

@ObjectType('CheckInCode', { simpleResolvers: true, description: 'The code citizens type or scan to check in at a session; it changes every 5 minutes.' })
export class CheckInCodeType {
  @Field({ description: 'The code to type, 8 letters and digits.' })
  code!: string;

  @Field({ description: 'Text to show as a QR code: `hoctap-checkin:<session id>:<code>`.' })
  qrContent!: string;

  @Field({ description: 'When the code stops being accepted.' })
  validUntil!: Date;
}

@ObjectType('ReportLine', { simpleResolvers: true, description: 'One line of a roster or an import, and what happened to it.' })
export class ReportLineType {
  @Field(() => Int, { description: 'Line number: the entry’s position in a roster, the file’s line in a CSV (the header is line 1).' })
  line!: number;

  @Field({ description: 'How the line named the person, as given.' })
  person!: string;

  @Field(() => LineOutcome, { description: 'What happened.' })
  outcome!: LineOutcome;

  @Field(() => String, { nullable: true, description: 'Why it was rejected or not found: a SCREAMING_SNAKE code.' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason in words.' })
  message!: string | null;

  @Field(() => LearningLogType, { nullable: true, description: 'The learning log the line recorded, found or voided.' })
  log!: unknown;
}

@ObjectType('LineReport', { simpleResolvers: true, description: 'What a roster or an import did, line by line.' })
export class LineReportType {
  @Field(() => [ReportLineType], { description: 'Every line, in order.' })
  lines!: ReportLineType[];

  @Field(() => Int, { description: 'Lines recorded now.' })
  recorded!: number;

  @Field(() => Int, { description: 'Lines already recorded before.' })
  alreadyRecorded!: number;

  @Field(() => Int, { description: 'Lines that marked someone absent after a present mark (its log voided).' })
  markedAbsent!: number;

  @Field(() => Int, { description: 'Lines naming nobody registered.' })
  unknownPeople!: number;

  @Field(() => Int, { description: 'Lines rejected, with a reason.' })
  rejected!: number;
}

@ObjectType('ReviewOutcome', { simpleResolvers: true, description: 'What a bulk verification or rejection did to one log.' })
export class ReviewOutcomeType {
  @Field(() => ID, { description: 'The id as given.' })
  id!: string;

  @Field(() => LearningLogType, { nullable: true, description: 'The log, when it is one you may review.' })
  log!: unknown;

  @Field(() => String, { nullable: true, description: 'Null when done; else NOT_FOUND or NOT_PENDING.' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was not done.' })
  message!: string | null;
}

@ObjectType({ simpleResolvers: true })
abstract class HoursTotal {
  @Field(() => Float, { description: 'Hours of verified logs.' })
  verifiedHours!: number;

  @Field(() => Float, { description: 'Hours of logs awaiting verification.' })
  pendingHours!: number;

  @Field(() => Int, { description: 'Number of logs (verified or pending).' })
  logs!: number;
}

@ObjectType('MonthHours', { simpleResolvers: true, description: 'Learning hours of one month.' })
export class MonthHours extends HoursTotal {
  @Field(() => Int, { description: 'Month, 1 to 12.' })
  month!: number;
}

@ObjectType('TopicHours', { simpleResolvers: true, description: 'Learning hours of one topic; a log with several topics counts in each.' })
export class TopicHours extends HoursTotal {
  @Field(() => Topic, { description: 'The topic.' })
  topic!: Topic;
}

@ObjectType('SourceHours', { simpleResolvers: true, description: 'Learning hours from one source.' })
export class SourceHours extends HoursTotal {
  @Field(() => LogSource, { description: 'The source.' })
  source!: LogSource;
}

@ObjectType('MyLearning', { description: 'A citizen’s learning in a year: totals and the logs.' })
export class MyLearningType {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Float, { description: 'Hours of verified logs in the year.' })
  verifiedHours!: number;

  @Field(() => Float, { description: 'Hours of logs awaiting verification in the year.' })
  pendingHours!: number;

  @Field(() => [MonthHours], { description: 'Hours per month that has any.' })
  byMonth!: MonthHours[];

  @Field(() => [TopicHours], { description: 'Hours per topic that has any.' })
  byTopic!: TopicHours[];

  @Field(() => [SourceHours], { description: 'Hours per source that has any.' })
  bySource!: SourceHours[];
}

@ObjectType('LearningExport', { simpleResolvers: true, description: 'A citizen’s whole learning record, for portability.' })
export class LearningExportType {
  @Field({ description: 'When it was exported.' })
  exportedAt!: Date;

  @Field(() => GraphQLJSON, { description: 'The record as JSON: the citizen and every log, with every field.' })
  json!: unknown;

  @Field(() => GraphQLJSON, { description: 'The logs as xAPI 1.0.3 statements (actor as an account, ADL verbs, ISO 8601 durations).' })
  xapiStatements!: unknown;
}

@ObjectType('LearningGoal', { simpleResolvers: true, implements: Node, description: 'A goal of a learning plan: hours in a topic, or a named programme.' })
export class LearningGoalType extends Node {
  @Field(() => Int, { description: 'The plan’s year.' })
  year!: number;

  @Field(() => Topic, { nullable: true, description: 'The topic, for an hours goal.' })
  topic!: Topic | null;

  @Field(() => Float, { nullable: true, description: 'Target hours in the topic, for an hours goal.' })
  targetHours!: number | null;
}

@ObjectType('LearningGoalProgress', { simpleResolvers: true, description: 'A goal and how far verified learning has gone towards it.' })
export class LearningGoalProgressType {
  @Field(() => LearningGoalType, { description: 'The goal.' })
  goal!: unknown;

  @Field(() => Float, { description: 'Verified hours in the topic this year; for a programme goal, 1 once a session of it was attended.' })
  progress!: number;

  @Field({ description: 'Whether the goal is met by verified logs.' })
  met!: boolean;
}

@ObjectType('LearningPlan', { simpleResolvers: true, description: 'A citizen’s learning plan for a year.' })
export class LearningPlanType {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field({ description: 'Whether goals can still change (the year is not over and its records are not closed).' })
  open!: boolean;

  @Field(() => [LearningGoalProgressType], { description: 'Goals, in the order they were added.' })
  goals!: LearningGoalProgressType[];

  @Field(() => Int, { description: 'Goals met.' })
  goalsMet!: number;
}

@ObjectType('LearningYearClosure', { simpleResolvers: true, description: 'The learning records of a unit (and everything under it) for a year are closed.' })
export class LearningYearClosureType {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field({ description: 'When it was closed.' })
  closedAt!: Date;
}

@ObjectType('EvidenceUpload', { simpleResolvers: true, description: 'Where to upload an evidence file: PUT the file to `uploadUrl`, then pass `key` as `evidenceKey`.' })
export class EvidenceUploadType {
  @Field({ description: 'Object key to pass as `evidenceKey`.' })
  key!: string;

  @Field({ description: 'Presigned URL to PUT the file to.' })
  uploadUrl!: string;

  @Field({ description: 'When the URL stops working.' })
  expiresAt!: Date;
}

// Inputs

@InputType({ description: 'Register for a session.' })
export class EnrollInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;
}

@InputType({ description: 'Cancel your registration.' })
export class CancelEnrollmentInput {
  @Field(() => ID, { description: 'The enrollment.' })
  enrollmentId!: string;
}

@InputType({ description: 'One person on a roster.' })
export class AttendanceMarkInput {
  @Field(() => ID, { description: 'The citizen (e.g. from the session’s enrollments).' })
  citizenId!: string;

  @Field({ description: 'Present (true) or absent (false).' })
  present!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an earlier present mark is taken back.' })
  @Length(0, 1000)
  reason?: string | null;
}

@InputType({ description: 'Mark a session’s roster.' })
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;

  @Field(() => [AttendanceMarkInput], { description: 'The marks, at most 2000.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  marks!: AttendanceMarkInput[];
}

@InputType({ description: 'Import a session’s attendance from CSV: a column `person` (national ID or mobile number) and an optional `present` (yes/no).' })
export class ImportAttendanceInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;

  @Field({ description: 'The CSV text, with a header line.' })
  @Length(1, 1_000_000)
  csv!: string;
}

@InputType({ description: 'Check in at a session with the code shown there.' })
export class CheckInInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId!: string;

  @Field({ description: 'The code shown by the staff.' })
  @Length(1, 20)
  code!: string;
}

@InputType({ description: 'Ask where to upload an evidence file.' })
export class CreateEvidenceUploadInput {
  @Field({ description: 'The file’s name, e.g. chung-chi.pdf.' })
  @Length(1, 200)
  fileName!: string;
}

@InputType({ description: 'Declare learning done outside the platform; it waits for verification.' })
export class SubmitLearningLogInput {
  @Field(() => String, { nullable: true, description: 'Your own key for this submission: sending it again returns the first log instead of a second one.' })
  @Length(1, 100)
  idempotencyKey?: string | null;

  @Field({ description: 'The course or activity.' })
  @Length(1, 300)
  activityTitle!: string;

  @Field(() => DateScalar, { description: 'The day it happened; not in the future.' })
  occurredOn!: string;

  @Field(() => Float, { description: 'Hours, more than 0 and at most 12.' })
  hours!: number;

  @Field(() => [Topic], { description: 'Topics, at least one.' })
  @ArrayMaxSize(10)
  topics!: Topic[];

  @Field(() => LogResult, { description: 'Participated or completed.' })
  result!: LogResult;

  @Field(() => Float, { nullable: true, description: 'Score from 0 to 100.' })
  score?: number | null;

  @Field(() => String, { nullable: true, description: 'Certificate number.' })
  @Length(1, 100)
  certificateNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of an evidence file uploaded with createEvidenceUpload.' })
  @Length(1, 500)
  evidenceKey?: string | null;

  @Field(() => ID, { nullable: true, description: 'The institution that held it, whose staff may then verify it.' })
  institutionId?: string | null;
}

@InputType({ description: 'Void a log, with a reason.' })
export class VoidLearningLogInput {
  @Field(() => ID, { description: 'The log.' })
  id!: string;

  @Field({ description: 'Why.' })
  @Length(1, 1000)
  reason!: string;
}

@InputType({ description: 'Verify pending logs.' })
export class VerifyLearningLogsInput {
  @Field(() => [ID], { description: 'The logs, 1 to 100.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  ids!: string[];
}

@InputType({ description: 'Reject pending logs, with a reason.' })
export class RejectLearningLogsInput {
  @Field(() => [ID], { description: 'The logs, 1 to 100.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  ids!: string[];

  @Field({ description: 'Why, shown to the citizens.' })
  @Length(1, 1000)
  reason!: string;
}

@InputType({ description: 'Import verified logs vouched for by an institution, from CSV: person, date, hours, topic, result (and optionally title, certificate_number, score).' })
export class ImportLearningLogsInput {
  @Field(() => ID, { description: 'The institution.' })
  institutionId!: string;

  @Field({ description: 'The CSV text, with a header line.' })
  @Length(1, 5_000_000)
  csv!: string;
}

@InputType({ description: 'Close the learning records of a unit for a year that has ended.' })
export class CloseLearningYearInput {
  @Field(() => ID, { description: 'The unit; everything under it closes too.' })
  unitId!: string;

  @Field(() => Int, { description: 'The year.' })
  @Min(2000)
  @Max(2100)
  year!: number;
}

@InputType({ description: 'A new goal: a topic with target hours, or a programme.' })
export class CreateLearningGoalInput {
  @Field(() => Int, { description: 'The plan’s year: this year or the next.' })
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => Topic, { nullable: true, description: 'The topic, with targetHours.' })
  topic?: Topic | null;

  @Field(() => Float, { nullable: true, description: 'Target hours in the topic.' })
  targetHours?: number | null;

  @Field(() => ID, { nullable: true, description: 'A programme to take, instead of a topic.' })
  programmeId?: string | null;
}

@InputType({ description: 'Change a goal: give it again as a topic with target hours, or a programme.' })
export class UpdateLearningGoalInput {
  @Field(() => ID, { description: 'The goal.' })
  id!: string;

  @Field(() => Topic, { nullable: true, description: 'The topic, with targetHours.' })
  topic?: Topic | null;

  @Field(() => Float, { nullable: true, description: 'Target hours in the topic.' })
  targetHours?: number | null;

  @Field(() => ID, { nullable: true, description: 'A programme to take, instead of a topic.' })
  programmeId?: string | null;
}

@InputType({ description: 'Remove a goal.' })
export class DeleteLearningGoalInput {
  @Field(() => ID, { description: 'The goal.' })
  id!: string;
}

// Payloads

@ObjectType({ description: 'The result of enroll or cancelEnrollment.' })
export class EnrollmentPayload {
  @Field(() => EnrollmentType, { nullable: true, description: 'The enrollment; null when there are errors.' })
  enrollment!: unknown;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The result of a roster or an import.' })
export class LineReportPayload {
  @Field(() => LineReportType, { nullable: true, description: 'What happened to each line; null when the whole request was refused.' })
  report!: unknown;

  @Field(() => [UserError], { description: 'Why the whole request was refused; empty otherwise.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The result of a mutation on one learning log.' })
export class LearningLogPayload {
  @Field(() => LearningLogType, { nullable: true, description: 'The log; null when there are errors.' })
  log!: unknown;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The result of a bulk verification or rejection.' })
export class ReviewLearningLogsPayload {
  @Field(() => [ReviewOutcomeType], { nullable: true, description: 'One outcome per id, in the order given.' })
  results!: unknown;

  @Field(() => [UserError], { description: 'Why the whole request was refused; empty otherwise.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The result of createEvidenceUpload.' })
export class EvidenceUploadPayload {
  @Field(() => EvidenceUploadType, { nullable: true, description: 'Where to upload.' })
  upload!: unknown;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The result of closeLearningYear.' })
export class LearningYearClosurePayload {
  @Field(() => LearningYearClosureType, { nullable: true, description: 'The closure.' })
  closure!: unknown;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The result of creating or changing a goal.' })
export class LearningGoalPayload {
  @Field(() => LearningGoalType, { nullable: true, description: 'The goal.' })
  goal!: unknown;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@ObjectType({ description: 'The result of deleting a goal.' })
export class DeleteLearningGoalPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the goal removed.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}
