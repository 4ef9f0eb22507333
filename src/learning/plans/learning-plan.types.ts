import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { YearField } from '../../graphql/year';
import { Topic } from '../../catalogue/catalogue.enums';
import { Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';

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

@InputType({ description: 'A new goal: a topic with target hours, or a programme.' })
export class CreateLearningGoalInput {
  @Field(() => ID, { nullable: true, description: 'The citizen whose plan it is, when you act for them (assisted entry); your own plan when omitted.' })
  citizenId?: string | null;

  @YearField('The plan’s year: this year or the next.')
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
