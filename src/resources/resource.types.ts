import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsUrl, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../graphql/relay';
import { UserError } from '../graphql/user-error';
import { Audience, Topic } from '../catalogue/catalogue.enums';
import { LearningLogType } from '../learning/logs/learning-log.types';
import { Licence, ResourceKind, ResourceStatus } from './resource.enums';

@ObjectType('LearningResource', { implements: Node, description: 'A shared digital learning resource: a video, recording, document, image, e-book or link, published by an institution.' })
export class LearningResourceType extends Node {
  @Field({ description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => ResourceKind, { description: 'Kind of resource.' })
  kind!: ResourceKind;

  @Field(() => [Topic], { description: 'Topics.' })
  topics!: Topic[];

  @Field(() => [Audience], { description: 'Who it is meant for; empty means everyone.' })
  audiences!: Audience[];

  @Field({ description: 'Language, a BCP 47 tag ("vi", "en", "km").' })
  language!: string;

  @Field(() => Licence, { description: 'Under which terms it may be used.' })
  licence!: Licence;

  @Field(() => ResourceStatus, { description: 'Draft, processing, published, failed or withdrawn.' })
  status!: ResourceStatus;

  @Field(() => String, { nullable: true, description: 'For links: where the resource lives.' })
  linkUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'What is said in the video or recording, written out.' })
  transcript!: string | null;

  @Field(() => Int, { description: 'Accounts that viewed it, counted once per account and day.' })
  viewCount!: number;

  @Field(() => Int, { description: 'Downloads, counted once per account and day.' })
  downloadCount!: number;

  @Field(() => Date, { nullable: true, description: 'When it was first published.' })
  publishedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn.' })
  withdrawnAt!: Date | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType('LearningResourceEdge', { simpleResolvers: true, description: 'One learning resource in a list.' })
export class LearningResourceEdge extends EdgeType('LearningResource', LearningResourceType) {}

@ObjectType('LearningResourceConnection', { simpleResolvers: true, description: 'A page of learning resources.' })
export class LearningResourceConnection extends ConnectionType('LearningResource', LearningResourceEdge) {}

export enum LearningResourceOrder {
  NEWEST = 'NEWEST',
  MOST_USED = 'MOST_USED',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(LearningResourceOrder, {
  name: 'LearningResourceOrder',
  description: 'How to order learning resources. By default RELEVANCE with `search`, else NEWEST.',
  valuesConfig: {
    NEWEST: { description: 'Most recently created first.' },
    MOST_USED: { description: 'Most views and downloads first.' },
    RELEVANCE: { description: 'Best match first; needs `search`.' },
  },
});

@InputType({ description: 'A range of numbers, both ends included; either may be omitted.' })
export class NumberRangeInput {
  @Field(() => Float, { nullable: true, description: 'Smallest value.' })
  @Min(0)
  min?: number;

  @Field(() => Float, { nullable: true, description: 'Largest value.' })
  @Min(0)
  max?: number;
}

@InputType({ description: 'Which learning resources to list. Unpublished ones appear only to their institution\'s staff and administrators.' })
export class LearningResourceFilter {
  @Field(() => ID, { nullable: true, description: 'Only resources of institutions in this unit or under it.' })
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'Only resources of this institution.' })
  institutionId?: string;

  @Field(() => [ResourceKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: ResourceKind[];

  @Field(() => [Topic], { nullable: true, description: 'Only resources with at least one of these topics.' })
  topics?: Topic[];

  @Field(() => [String], { nullable: true, description: 'Only these languages (BCP 47 tags).' })
  @ArrayMaxSize(20)
  languages?: string[];

  @Field(() => [Licence], { nullable: true, description: 'Only these licences.' })
  licences?: Licence[];

  @Field(() => [ResourceStatus], { nullable: true, description: 'Only these statuses; PUBLISHED by default.' })
  statuses?: ResourceStatus[];

  @Field(() => NumberRangeInput, { nullable: true, description: 'Only video and audio of this duration, in seconds.' })
  @ValidateNested()
  durationSeconds?: NumberRangeInput;

  @Field(() => NumberRangeInput, { nullable: true, description: 'Only documents with this many pages.' })
  @ValidateNested()
  pages?: NumberRangeInput;

  @Field({ nullable: true, description: 'Words of the title, description, transcript or the document\'s text, with or without diacritics; a small typo is forgiven when nothing matches as typed.' })
  @Length(1, 200)
  search?: string;
}

@InputType({ description: 'Fields of a learning resource.' })
export class LearningResourceFieldsInput {
  @Field({ nullable: true, description: 'Title.' })
  @Length(1, 300)
  title?: string;

  @Field({ nullable: true, description: 'Description.' })
  @Length(0, 10000)
  description?: string;

  @Field(() => ResourceKind, { nullable: true, description: 'Kind of resource.' })
  kind?: ResourceKind;

  @Field(() => [Topic], { nullable: true, description: 'Topics, at least one.' })
  @ArrayMinSize(1, { message: 'give at least one topic' })
  @ArrayMaxSize(10)
  topics?: Topic[];

  @Field(() => [Audience], { nullable: true, description: 'Who it is meant for.' })
  @ArrayMaxSize(10)
  audiences?: Audience[];

  @Field({ nullable: true, description: 'Language, a BCP 47 tag; "vi" by default.' })
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language is a language tag such as vi, en or km' })
  language?: string;

  @Field(() => Licence, { nullable: true, description: 'Licence; ALL_RIGHTS_RESERVED by default.' })
  licence?: Licence;

  @Field(() => ID, { nullable: true, description: 'The uploaded media (from completeUpload); null removes it.' })
  assetId?: string | null;

  @Field(() => String, { nullable: true, description: 'For LINK resources: the address (http or https).' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'linkUrl must be an http or https address' })
  linkUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'What is said in the video or recording, written out.' })
  @Length(0, 200000)
  transcript?: string | null;
}

@InputType({ description: 'A new learning resource, created as a draft.' })
export class CreateLearningResourceInput extends LearningResourceFieldsInput {
  @Field(() => ID, { description: 'The publishing institution.' })
  institutionId!: string;

  @Field({ description: 'Title.' })
  @Length(1, 300)
  override title!: string;

  @Field(() => ResourceKind, { description: 'Kind of resource.' })
  override kind!: ResourceKind;

  @Field(() => [Topic], { description: 'Topics, at least one.' })
  @ArrayMinSize(1, { message: 'give at least one topic' })
  @ArrayMaxSize(10)
  override topics!: Topic[];
}

@InputType({ description: 'Changes to a learning resource; omitted fields stay as they are.' })
export class UpdateLearningResourceInput extends LearningResourceFieldsInput {
  @Field(() => ID, { description: 'The resource.' })
  id!: string;
}

@InputType({ description: 'A learning resource.' })
export class LearningResourceInput {
  @Field(() => ID, { description: 'The resource.' })
  id!: string;
}

@InputType({ description: 'A learning resource used by the signed-in account.' })
export class ResourceUseInput {
  @Field(() => ID, { description: 'The resource.' })
  resourceId!: string;
}

@InputType({ description: 'Minutes the signed-in citizen spent studying a published resource.' })
export class RecordStudyInput {
  @Field(() => ID, { description: 'The resource.' })
  resourceId!: string;

  @Field(() => Int, { description: 'Minutes of study, 1 to 720; a video or audio at most twice its length.' })
  minutes!: number;

  @Field(() => String, { nullable: true, description: 'Your key for this record: sending it again (a retry) returns the first log instead of a second one.' })
  @Length(1, 100)
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The learning log a study made, or why it was refused.' })
export class RecordStudyPayload {
  @Field(() => LearningLogType, { nullable: true, description: 'The RESOURCE_STUDY log, counted as self-study; null when refused.' })
  log!: object | null;

  @Field(() => LearningResourceType, { nullable: true, description: 'The resource, with its counts.' })
  resource!: object | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@ObjectType({ description: 'A learning resource, or why the change was refused.' })
export class LearningResourcePayload {
  @Field(() => LearningResourceType, { nullable: true, description: 'The resource; null when refused.' })
  resource!: object | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@ObjectType({ description: 'A download of a learning resource\'s file.' })
export class ResourceDownloadPayload {
  @Field(() => LearningResourceType, { nullable: true, description: 'The resource, with its counts.' })
  resource!: object | null;

  @Field(() => String, { nullable: true, description: 'A signed URL of the original file: the same URL for every request of a signing window (MEDIA_DOWNLOAD_URL_WINDOW_SECONDS, 15 minutes by default), so caches keep it, and valid at least one window more.' })
  url!: string | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}
