import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { YearField } from '../../graphql/year';
import { UserError } from '../../graphql/user-error';

@ObjectType('LearningYearClosure', { simpleResolvers: true, description: 'The learning records of a unit (and everything under it) for a year are closed.' })
export class LearningYearClosureType {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field({ description: 'When it was closed.' })
  closedAt!: Date;
}

@InputType({ description: 'Close the learning records of a unit for a year that has ended.' })
export class CloseLearningYearInput {
  @Field(() => ID, { description: 'The unit; everything under it closes too.' })
  unitId!: string;

  @YearField('The year.')
  year!: number;
}

@ObjectType({ description: 'The result of closeLearningYear.' })
export class LearningYearClosurePayload {
  @Field(() => LearningYearClosureType, { nullable: true, description: 'The closure.' })
  closure!: unknown;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}
