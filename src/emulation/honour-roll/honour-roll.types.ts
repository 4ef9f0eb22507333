import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { YearField } from '../../graphql/year';
import { HonourRollEntryKind, HonourRollSubjectKind } from '../emulation.enums';

@ObjectType('HonourRollEntry', {
  simpleResolvers: true,
  description: 'A commended collective or person, or a recognised title, on the public honour roll: name, unit and achievement only. People appear only with their consent.',
})
export class HonourRollEntryType {
  @Field(() => HonourRollEntryKind, { description: 'A commendation decided, or a title recognised.' })
  entryKind!: HonourRollEntryKind;

  @Field(() => HonourRollSubjectKind, { description: 'Who is named.' })
  subjectKind!: HonourRollSubjectKind;

  @Field({ description: 'Name.' })
  name!: string;

  @Field({ description: 'Name of the unit.' })
  unitName!: string;

  @Field(() => Int, { description: 'Year of the title, or last year of the commendation round.' })
  year!: number;

  @Field({ description: 'Number of the decision.' })
  decisionNumber!: string;

  @Field(() => DateScalar, { description: 'Date of the decision.' })
  decisionDate!: string;
}

@ObjectType('HonourRollEdge', { simpleResolvers: true, description: 'One line of the honour roll.' })
export class HonourRollEdge extends EdgeType('HonourRollEntry', HonourRollEntryType) {}

@ObjectType('HonourRollConnection', { simpleResolvers: true, description: 'A page of the honour roll.' })
export class HonourRollConnection extends ConnectionType('HonourRollEntry', HonourRollEdge) {}

@InputType({ description: 'Which part of the honour roll.' })
export class HonourRollFilter {
  @Field(() => ID, { nullable: true, description: 'Only subjects of this unit or under it.' })
  unitId?: string | null;

  @YearField('Only this year', { nullable: true })
  year?: number | null;
}

@InputType({ description: 'Your consent to be named on the honour roll.' })
export class HonourRollConsentInput {
  @Field({ description: 'True to give it, false to withdraw it.' })
  consent!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'Result of giving or withdrawing your consent.' })
export class HonourRollConsentPayload {
  @Field({ description: 'Whether you are now named on the honour roll when commended or recognised.' })
  consent!: boolean;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
