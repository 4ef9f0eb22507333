import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';

@ObjectType('Initiative', { simpleResolvers: true, implements: Node, description: 'An initiative or effective solution of a body or organisation, and its recognition by an emulation council. Public.' })
export class InitiativeType extends Node {
  @Field({ description: 'Title.' })
  title!: string;

  @Field({ description: 'Summary.' })
  summary!: string;

  @Field(() => DateScalar, { description: 'First day of its period.' })
  periodFrom!: string;

  @Field(() => DateScalar, { description: 'Last day of its period; counts read the year of this day.' })
  periodTo!: string;

  @Field(() => [String], { description: 'Keys of the evidence files.' })
  evidenceKeys!: string[];

  @Field(() => String, { nullable: true, description: "Number of the council's decision recognising it; null while not recognised." })
  decisionNumber!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of that decision.' })
  decisionDate!: string | null;

  @Field(() => String, { nullable: true, description: 'The emulation council that recognised it.' })
  council!: string | null;
}

@ObjectType('InitiativeEdge', { simpleResolvers: true, description: 'One initiative in a list.' })
export class InitiativeEdge extends EdgeType('Initiative', InitiativeType) {}

@ObjectType('InitiativeConnection', { simpleResolvers: true, description: 'A page of initiatives.' })
export class InitiativeConnection extends ConnectionType('Initiative', InitiativeEdge) {}

@ObjectType('InitiativeCounts', { simpleResolvers: true, description: 'Initiatives of a unit (and under it) whose period ends in a year.' })
export class InitiativeCountsType {
  @Field(() => Int, { description: 'Recorded.' })
  recorded!: number;

  @Field(() => Int, { description: 'Recognised by an emulation council.' })
  recognised!: number;
}

@InputType({ description: 'An initiative to record.' })
export class RecordInitiativeInput {
  @Field({ description: 'Title.' })
  @MaxLength(300)
  title!: string;

  @Field({ description: 'Summary.' })
  @MaxLength(4000)
  summary!: string;

  @Field(() => ID, { nullable: true, description: 'The owning body (you act for it); or ownerOrganisationId.' })
  ownerBodyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The owning organisation (you assess its area); or ownerBodyId.' })
  ownerOrganisationId?: string | null;

  @Field(() => DateScalar, { description: 'First day of its period.' })
  periodFrom!: string;

  @Field(() => DateScalar, { description: 'Last day of its period.' })
  periodTo!: string;

  @Field(() => [String], { nullable: true, description: 'Keys of evidence files uploaded with createEvidenceFileUpload and completed with completeEvidenceUpload.' })
  evidenceKeys?: string[] | null;
}

@InputType({ description: "An emulation council's decision recognising an initiative." })
export class RecogniseInitiativeInput {
  @Field(() => ID, { description: 'The initiative.' })
  id!: string;

  @Field({ description: 'Number of the decision.' })
  @MaxLength(64)
  decisionNumber!: string;

  @Field(() => DateScalar, { description: 'Date of the decision.' })
  decisionDate!: string;

  @Field({ description: 'The council, e.g. "Hội đồng Thi đua - Khen thưởng tỉnh".' })
  @MaxLength(300)
  council!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of recording or recognising an initiative.' })
export class InitiativePayload {
  @Field(() => InitiativeType, { nullable: true, description: 'The initiative.' })
  initiative!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
