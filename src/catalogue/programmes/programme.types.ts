import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { Audience, ProgrammeFormat, ProgrammeKind, ProgrammeStatus, SessionStatus, Topic } from '../catalogue.enums';

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
