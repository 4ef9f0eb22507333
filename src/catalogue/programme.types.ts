import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../graphql/relay';
import { DateScalar } from '../graphql/scalars';
import { UserError } from '../graphql/user-error';
import { Audience, InstitutionKind, ProgrammeFormat, ProgrammeKind, ProgrammeStatus, RecurrenceFrequency, SessionStatus, Topic } from './catalogue.enums';
import { NearInput } from './geo.types';

@ObjectType('Programme', { simpleResolvers: true, implements: Node, description: 'What an institution offers: a course, workshop, exhibition, talk, reading session, club meeting or online course.' })
export class ProgrammeType extends Node {
  @Field({ description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => ProgrammeKind, { description: 'Kind of programme.' })
  kind!: ProgrammeKind;

  @Field(() => [Topic], { description: 'Topics it teaches.' })
  topics!: Topic[];

  @Field(() => [Audience], { description: 'Who it is meant for; empty means everyone.' })
  audiences!: Audience[];

  @Field(() => ProgrammeFormat, { description: 'In person, online or both.' })
  format!: ProgrammeFormat;

  @Field({ description: 'Teaching language, a BCP 47 tag ("vi", "en", "km").' })
  language!: string;

  @Field(() => Int, { description: 'Fee in Vietnamese đồng; 0 is free.' })
  feeVnd!: number;

  @Field(() => ProgrammeStatus, { description: 'Draft, published or cancelled.' })
  status!: ProgrammeStatus;

  @Field(() => Date, { nullable: true, description: 'When it was published.' })
  publishedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  cancelledAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancellationReason!: string | null;
}

@ObjectType('ProgrammeSession', { simpleResolvers: true, implements: Node, description: 'One meeting of a programme, at a time and place.' })
export class ProgrammeSessionType extends Node {
  @Field({ description: 'Start.' })
  startsAt!: Date;

  @Field({ description: 'End.' })
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Room or place, e.g. "Phòng đọc tầng 2".' })
  place!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many people can take part; null means no limit.' })
  capacity!: number | null;

  @Field(() => Float, { description: 'Learning hours credited to each participant who attends.' })
  creditedHours!: number;

  @Field(() => SessionStatus, { description: 'Scheduled or cancelled.' })
  status!: SessionStatus;
}

@ObjectType('ProgrammeEdge', { simpleResolvers: true, description: 'One programme in a list.' })
export class ProgrammeEdge extends EdgeType('Programme', ProgrammeType) {
  @Field(() => Float, { nullable: true, description: 'Distance of its institution from the point of `near`, in kilometres.' })
  distanceKm!: number | null;
}

@ObjectType('ProgrammeConnection', { simpleResolvers: true, description: 'A page of programmes.' })
export class ProgrammeConnection extends ConnectionType('Programme', ProgrammeEdge) {}

@ObjectType('ProgrammeSessionEdge', { simpleResolvers: true, description: 'One session in a list.' })
export class ProgrammeSessionEdge extends EdgeType('ProgrammeSession', ProgrammeSessionType) {
  @Field(() => Float, { nullable: true, description: 'Distance of its institution from the point of `near`, in kilometres.' })
  distanceKm!: number | null;
}

@ObjectType('ProgrammeSessionConnection', { simpleResolvers: true, description: 'A page of sessions.' })
export class ProgrammeSessionConnection extends ConnectionType('ProgrammeSession', ProgrammeSessionEdge) {}

export enum ProgrammeOrder {
  NEWEST = 'NEWEST',
  TITLE = 'TITLE',
  DISTANCE = 'DISTANCE',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(ProgrammeOrder, {
  name: 'ProgrammeOrder',
  description: 'How to order programmes. By default: RELEVANCE with `search`, else DISTANCE with `near`, else NEWEST.',
  valuesConfig: {
    NEWEST: { description: 'Most recently created first.' },
    TITLE: { description: 'By title.' },
    DISTANCE: { description: 'Nearest institution first; needs `near`.' },
    RELEVANCE: { description: 'Best match first; needs `search`.' },
  },
});

export enum SessionOrder {
  START_TIME = 'START_TIME',
  DISTANCE = 'DISTANCE',
}

registerEnumType(SessionOrder, {
  name: 'SessionOrder',
  description: 'How to order sessions. By default START_TIME (soonest first).',
  valuesConfig: {
    START_TIME: { description: 'Soonest first.' },
    DISTANCE: { description: 'Nearest institution first; needs `near`.' },
  },
});

@InputType({ description: 'Which programmes to list. Drafts appear only to their institution\'s staff and administrators.' })
export class ProgrammeFilter {
  @Field(() => ID, { nullable: true, description: 'Only programmes of institutions in this unit or under it.' })
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'Only programmes of this institution.' })
  institutionId?: string;

  @Field(() => [InstitutionKind], { nullable: true, description: 'Only programmes of these kinds of institution.' })
  institutionKinds?: InstitutionKind[];

  @Field(() => [ProgrammeKind], { nullable: true, description: 'Only these kinds of programme.' })
  kinds?: ProgrammeKind[];

  @Field(() => [Topic], { nullable: true, description: 'Only programmes with at least one of these topics.' })
  topics?: Topic[];

  @Field(() => [ProgrammeFormat], { nullable: true, description: 'Only these formats.' })
  formats?: ProgrammeFormat[];

  @Field(() => [ProgrammeStatus], { nullable: true, description: 'Only these statuses; PUBLISHED by default.' })
  statuses?: ProgrammeStatus[];

  @Field({ nullable: true, description: 'Words of the title or description, with or without diacritics; a small typo is forgiven when nothing matches as typed.' })
  @Length(1, 200)
  search?: string;

  @Field(() => NearInput, { nullable: true, description: 'Only programmes of institutions within a radius of a point.' })
  @ValidateNested()
  near?: NearInput;
}

@InputType({ description: 'Which sessions to list. Sessions of draft programmes appear only to their staff and administrators.' })
export class SessionFilter {
  @Field(() => ID, { nullable: true, description: 'Only sessions at institutions in this unit or under it.' })
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'Only sessions of this institution.' })
  institutionId?: string;

  @Field(() => ID, { nullable: true, description: 'Only sessions of this programme.' })
  programmeId?: string;

  @Field(() => [ProgrammeKind], { nullable: true, description: 'Only sessions of these kinds of programme.' })
  kinds?: ProgrammeKind[];

  @Field(() => [Topic], { nullable: true, description: 'Only sessions of programmes with one of these topics.' })
  topics?: Topic[];

  @Field(() => [ProgrammeFormat], { nullable: true, description: 'Only these formats.' })
  formats?: ProgrammeFormat[];

  @Field(() => Date, { nullable: true, description: 'Only sessions that end at or after this time; now by default.' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Only sessions that start before this time.' })
  to?: Date;

  @Field({ nullable: true, description: 'Also cancelled sessions.' })
  includeCancelled?: boolean;

  @Field({ nullable: true, description: 'Words of the programme\'s title or description, with or without diacritics.' })
  @Length(1, 200)
  search?: string;

  @Field(() => NearInput, { nullable: true, description: 'Only sessions at institutions within a radius of a point.' })
  @ValidateNested()
  near?: NearInput;
}

@InputType({ description: 'Fields of a programme.' })
export class ProgrammeFieldsInput {
  @Field({ nullable: true, description: 'Title.' })
  @Length(1, 300)
  title?: string;

  @Field({ nullable: true, description: 'Description.' })
  @Length(0, 10000)
  description?: string;

  @Field(() => ProgrammeKind, { nullable: true, description: 'Kind of programme.' })
  kind?: ProgrammeKind;

  @Field(() => [Topic], { nullable: true, description: 'Topics, at least one.' })
  @ArrayMinSize(1, { message: 'give at least one topic' })
  @ArrayMaxSize(10)
  topics?: Topic[];

  @Field(() => [Audience], { nullable: true, description: 'Who it is meant for.' })
  @ArrayMaxSize(10)
  audiences?: Audience[];

  @Field(() => ProgrammeFormat, { nullable: true, description: 'In person, online or both.' })
  format?: ProgrammeFormat;

  @Field({ nullable: true, description: 'Teaching language, a BCP 47 tag; "vi" by default.' })
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language is a language tag such as vi, en or km' })
  language?: string;

  @Field(() => Int, { nullable: true, description: 'Fee in đồng; 0 (free) by default.' })
  @Min(0)
  @Max(1_000_000_000)
  feeVnd?: number;
}

@InputType({ description: 'A new programme, created as a draft.' })
export class CreateProgrammeInput extends ProgrammeFieldsInput {
  @Field(() => ID, { description: 'The institution that offers it.' })
  institutionId!: string;

  @Field({ description: 'Title.' })
  @Length(1, 300)
  override title!: string;

  @Field(() => ProgrammeKind, { description: 'Kind of programme.' })
  override kind!: ProgrammeKind;

  @Field(() => [Topic], { description: 'Topics, at least one.' })
  @ArrayMinSize(1, { message: 'give at least one topic' })
  @ArrayMaxSize(10)
  override topics!: Topic[];

  @Field(() => ProgrammeFormat, { description: 'In person, online or both.' })
  override format!: ProgrammeFormat;
}

@InputType({ description: 'Changes to a programme; omitted fields stay as they are.' })
export class UpdateProgrammeInput extends ProgrammeFieldsInput {
  @Field(() => ID, { description: 'The programme.' })
  id!: string;
}

@InputType({ description: 'A programme to publish.' })
export class PublishProgrammeInput {
  @Field(() => ID, { description: 'The programme.' })
  id!: string;
}

@InputType({ description: 'A programme to cancel, with its future sessions.' })
export class CancelProgrammeInput {
  @Field(() => ID, { description: 'The programme.' })
  id!: string;

  @Field({ description: 'Why, for the people who planned to come.' })
  @Length(1, 1000)
  reason!: string;
}

@InputType({ description: 'Repeat a session weekly or monthly up to a day.' })
export class RecurrenceInput {
  @Field(() => RecurrenceFrequency, { description: 'Weekly or monthly.' })
  frequency!: RecurrenceFrequency;

  @Field(() => Int, { nullable: true, description: 'Every how many weeks or months; 1 by default.' })
  @Min(1)
  @Max(12)
  interval?: number;

  @Field(() => DateScalar, { description: 'Last day a session may start on (in Vietnam), included.' })
  until!: string;
}

@InputType({ description: 'Fields of a session.' })
export class SessionFieldsInput {
  @Field({ nullable: true, description: 'Start.' })
  startsAt?: Date;

  @Field({ nullable: true, description: 'End, after the start.' })
  endsAt?: Date;

  @Field({ nullable: true, description: 'Room or place.' })
  @Length(0, 300)
  place?: string;

  @Field(() => Int, { nullable: true, description: 'How many people can take part; omit for no limit.' })
  capacity?: number;

  @Field(() => Float, { nullable: true, description: 'Learning hours credited to each participant, from 0 to 12.' })
  creditedHours?: number;
}

@InputType({ description: 'One session, or a series when `recurrence` is given.' })
export class ScheduleSessionsInput extends SessionFieldsInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field({ description: 'Start of the (first) session.' })
  override startsAt!: Date;

  @Field({ description: 'End of the (first) session.' })
  override endsAt!: Date;

  @Field(() => Float, { description: 'Learning hours credited to each participant, from 0 to 12.' })
  override creditedHours!: number;

  @Field(() => RecurrenceInput, { nullable: true, description: 'Repeat the session up to a day.' })
  @ValidateNested()
  recurrence?: RecurrenceInput;
}

@InputType({ description: 'Changes to a session; omitted fields stay as they are.' })
export class UpdateSessionInput extends SessionFieldsInput {
  @Field(() => ID, { description: 'The session.' })
  id!: string;
}

@InputType({ description: 'A session to cancel.' })
export class CancelSessionInput {
  @Field(() => ID, { description: 'The session.' })
  id!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of creating or changing a programme.' })
export class ProgrammePayload {
  @Field(() => ProgrammeType, { nullable: true, description: 'The programme, when the change was made.' })
  programme!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of scheduling sessions.' })
export class ScheduleSessionsPayload {
  @Field(() => [ProgrammeSessionType], { nullable: true, description: 'The sessions created, in time order.' })
  sessions!: object[] | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of changing a session.' })
export class SessionPayload {
  @Field(() => ProgrammeSessionType, { nullable: true, description: 'The session, when the change was made.' })
  session!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
