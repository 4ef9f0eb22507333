import { Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ProgrammeFormat, ProgrammeKind, RecurrenceFrequency, Topic } from '../catalogue.enums';
import { NearInput } from '../geo.types';

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
