import { ArrayMaxSize, ArrayMinSize, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Audience, InstitutionKind, ProgrammeFormat, ProgrammeKind, ProgrammeStatus, Topic } from '../catalogue.enums';
import { NearInput } from '../geo.types';

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
