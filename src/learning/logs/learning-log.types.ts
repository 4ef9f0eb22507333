import { ArrayMaxSize, ArrayMinSize, Length } from 'class-validator';
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { Topic } from '../../catalogue/catalogue.enums';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { LogResult, LogSource, LogStatus } from '../learning.enums';

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

  @Field(() => ID, { nullable: true, description: 'The platform resource studied (source RESOURCE_STUDY).' })
  resourceId!: string | null;
}

@ObjectType('LearningLogEdge', { simpleResolvers: true, description: 'One learning log in a list.' })
export class LearningLogEdge extends EdgeType('LearningLog', LearningLogType) {}

@ObjectType('LearningLogConnection', { simpleResolvers: true, description: 'A page of learning logs.' })
export class LearningLogConnection extends ConnectionType('LearningLog', LearningLogEdge) {}

@ObjectType('ReviewOutcome', { simpleResolvers: true, description: 'What a bulk verification or rejection did to one log.' })
export class ReviewOutcomeType {
  @Field(() => ID, { description: 'The id as given.' })
  id!: string;

  @Field(() => LearningLogType, { nullable: true, description: 'The log, when it is one you may review.' })
  log!: unknown;

  @Field(() => String, { nullable: true, description: 'Null when done; else NOT_FOUND, NOT_PENDING, or ENTERED_BY_YOU (you declared it for the citizen and someone else may verify it).' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was not done.' })
  message!: string | null;
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

@InputType({ description: 'Ask where to upload an evidence file.' })
export class CreateEvidenceUploadInput {
  @Field(() => ID, { nullable: true, description: 'The citizen the evidence is for, when you act for them (assisted entry); yourself when omitted.' })
  citizenId?: string | null;

  @Field({ description: 'The file’s name, e.g. chung-chi.pdf.' })
  @Length(1, 200)
  fileName!: string;
}

@InputType({ description: 'Declare learning done outside the platform; it waits for verification.' })
export class SubmitLearningLogInput {
  @Field(() => ID, { nullable: true, description: 'The citizen it is for, when you act for them (assisted entry: an assessor of their area or staff of its community learning centre); yourself when omitted.' })
  citizenId?: string | null;

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

  @Field(() => String, { nullable: true, description: 'Key of an evidence file you uploaded: `evidence.key` of `completeEvidenceUpload` (or a key of the deprecated createEvidenceUpload).' })
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
