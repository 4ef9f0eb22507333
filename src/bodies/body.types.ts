import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../graphql/relay';
import { UserError } from '../graphql/user-error';
import { BodyKind } from './body.enums';

@ObjectType('Body', {
  simpleResolvers: true,
  implements: Node,
  description: "A body that reports on the movement and proposes commendations: a unit's People's Committee, a department, the Fatherland Front, an organisation or association. Public.",
})
export class BodyType extends Node {
  @Field({ description: 'Official name, e.g. "Sở Giáo dục và Đào tạo tỉnh Tây Ninh".' })
  name!: string;

  @Field({ description: 'The abbreviation in the symbol of its documents, e.g. "SGDĐT" in "12/BC-SGDĐT".' })
  shortName!: string;

  @Field(() => BodyKind, { description: 'Kind of body.' })
  kind!: BodyKind;
}

@ObjectType('BodyEdge', { simpleResolvers: true, description: 'One body in a list.' })
export class BodyEdge extends EdgeType('Body', BodyType) {}

@ObjectType('BodyConnection', { simpleResolvers: true, description: 'A page of bodies.' })
export class BodyConnection extends ConnectionType('Body', BodyEdge) {}

@InputType({ description: 'Which bodies to list, by name.' })
export class BodyFilter {
  @Field(() => [BodyKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: BodyKind[];

  @Field(() => ID, { nullable: true, description: 'Only bodies serving this unit or a unit under it.' })
  unitId?: string;

  @Field({ nullable: true, description: 'Words of the name, with or without diacritics.' })
  @MaxLength(200)
  search?: string;
}

@InputType({ description: 'A body to record, or its new details.' })
export class BodyInput {
  @Field({ description: 'Official name.' })
  @MaxLength(300)
  name!: string;

  @Field({ description: 'The abbreviation in the symbol of its documents, e.g. "UBND".' })
  @MaxLength(30)
  shortName!: string;

  @Field(() => BodyKind, { description: 'Kind of body.' })
  kind!: BodyKind;

  @Field(() => ID, { description: "The unit it serves: its People's Committee's unit, the province for a provincial department." })
  unitId!: string;

  @Field(() => ID, { nullable: true, description: 'The body it answers to, written above its name on its documents.' })
  superiorId?: string | null;
}

@InputType({ description: 'A body to change.' })
export class UpdateBodyInput extends BodyInput {
  @Field(() => ID, { description: 'The body.' })
  id!: string;
}

@InputType({ description: 'An account and a body it acts for.' })
export class BodyOfficerInput {
  @Field(() => ID, { description: 'The body.' })
  bodyId!: string;

  @Field(() => ID, { description: 'The account.' })
  accountId!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of changing a body or its officers.' })
export class BodyPayload {
  @Field(() => BodyType, { nullable: true, description: 'The body.' })
  body!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
