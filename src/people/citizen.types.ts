import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/relay';
import { Gender, OccupationalGroup } from './people.enums';

@ObjectType('Citizen', {
  simpleResolvers: true,
  implements: Node,
  description: 'A person’s learning profile. Visible only to the citizen, to assessors of the unit they live in, and to province admins.',
})
export class CitizenType extends Node {
  @Field({ description: 'Full name.' })
  fullName!: string;

  @Field(() => Int, { description: 'Year of birth; age for the titles is the evaluation year minus it.' })
  birthYear!: number;

  @Field(() => Gender, { description: 'Gender.' })
  gender!: Gender;

  @Field(() => OccupationalGroup, { nullable: true, description: 'Occupational group of the Learning Citizen title, when chosen.' })
  occupationalGroup!: OccupationalGroup | null;

  @Field({ description: 'Belongs to an ethnic minority (for equity reporting).' })
  ethnicMinority!: boolean;

  @Field({ description: 'Lives with a disability (for equity reporting).' })
  disability!: boolean;

  @Field(() => String, { nullable: true, description: 'Mobile number, 0 followed by 9 digits.' })
  phone!: string | null;
}
