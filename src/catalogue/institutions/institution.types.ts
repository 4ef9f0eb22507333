import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsEmail, IsUrl, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { AccessibilityFeature, InstitutionKind, InstitutionStatus } from '../catalogue.enums';
import { NearInput } from '../geo.types';

@ObjectType('Institution', {
  simpleResolvers: true,
  implements: Node,
  description: 'A library, museum, cultural centre, community learning centre or other place of learning (thiết chế).',
})
export class InstitutionType extends Node {
  @Field({ description: 'Name, e.g. "Thư viện tỉnh".' })
  name!: string;

  @Field(() => InstitutionKind, { description: 'Kind of institution.' })
  kind!: InstitutionKind;

  @Field(() => String, { nullable: true, description: 'What it offers, in its own words.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address!: string | null;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees (WGS 84).' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees (WGS 84).' })
  longitude!: number | null;

  @Field(() => String, { nullable: true, description: 'Opening hours as the institution writes them.' })
  openingHours!: string | null;

  @Field(() => String, { nullable: true, description: 'Public telephone number.' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Public email address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Website.' })
  website!: string | null;

  @Field(() => [AccessibilityFeature], { description: 'Accessibility features of the place.' })
  accessibility!: AccessibilityFeature[];

  @Field(() => InstitutionStatus, { description: 'Whether it is open.' })
  status!: InstitutionStatus;

  @Field({ description: 'When it was last changed.' })
  updatedAt!: Date;
}

@ObjectType('InstitutionEdge', { simpleResolvers: true, description: 'One institution in a list, with its distance when the list was asked for near a point.' })
export class InstitutionEdge extends EdgeType('Institution', InstitutionType) {
  @Field(() => Float, { nullable: true, description: 'Distance from the point of `near`, in kilometres; null without `near`.' })
  distanceKm!: number | null;
}

@ObjectType('InstitutionConnection', { simpleResolvers: true, description: 'A page of institutions.' })
export class InstitutionConnection extends ConnectionType('Institution', InstitutionEdge) {}

export enum InstitutionOrder {
  NAME = 'NAME',
  DISTANCE = 'DISTANCE',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(InstitutionOrder, {
  name: 'InstitutionOrder',
  description: 'How to order institutions. By default: RELEVANCE with `search`, else DISTANCE with `near`, else NAME.',
  valuesConfig: {
    NAME: { description: 'By name.' },
    DISTANCE: { description: 'Nearest first; needs `near`.' },
    RELEVANCE: { description: 'Best match first; needs `search`.' },
  },
});

@InputType({ description: 'Which institutions to list.' })
export class InstitutionFilter {
  @Field(() => ID, { nullable: true, description: 'Only institutions in this administrative unit or under it.' })
  unitId?: string;

  @Field(() => [InstitutionKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: InstitutionKind[];

  @Field(() => [InstitutionStatus], { nullable: true, description: 'Only these statuses; by default all but CLOSED.' })
  statuses?: InstitutionStatus[];

  @Field({ nullable: true, description: 'Words of the name, address or description, with or without diacritics; a small typo is forgiven when nothing matches as typed.' })
  @Length(1, 200)
  search?: string;

  @Field(() => NearInput, { nullable: true, description: 'Only institutions within a radius of a point.' })
  @ValidateNested()
  near?: NearInput;
}

@InputType({ description: 'Fields of an institution that staff and officials write.' })
export class InstitutionFieldsInput {
  @Field({ nullable: true, description: 'Name.' })
  @Length(1, 300)
  name?: string;

  @Field(() => InstitutionKind, { nullable: true, description: 'Kind of institution.' })
  kind?: InstitutionKind;

  @Field({ nullable: true, description: 'Description.' })
  @Length(0, 5000)
  description?: string;

  @Field({ nullable: true, description: 'Street address.' })
  @Length(0, 500)
  address?: string;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees; give it with longitude.' })
  @Min(-90)
  @Max(90)
  latitude?: number;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees; give it with latitude.' })
  @Min(-180)
  @Max(180)
  longitude?: number;

  @Field({ nullable: true, description: 'Opening hours as free text.' })
  @Length(0, 1000)
  openingHours?: string;

  @Field({ nullable: true, description: 'Public telephone number.' })
  @Matches(/^[0-9+() .-]{6,32}$/, { message: 'phone has 6 to 32 digits, spaces, dots, dashes, brackets or +' })
  phone?: string;

  @Field({ nullable: true, description: 'Public email address.' })
  @IsEmail({}, { message: 'email is not a valid email address' })
  @Length(3, 254)
  email?: string;

  @Field({ nullable: true, description: 'Website, http(s)://…' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be a full http(s) address' })
  @Length(1, 500)
  website?: string;

  @Field(() => [AccessibilityFeature], { nullable: true, description: 'Accessibility features (replaces the list).' })
  accessibility?: AccessibilityFeature[];

  @Field(() => InstitutionStatus, { nullable: true, description: 'Whether it is open.' })
  status?: InstitutionStatus;
}

@InputType({ description: 'A new institution in an administrative unit.' })
export class CreateInstitutionInput extends InstitutionFieldsInput {
  @Field({ description: 'Name.' })
  @Length(1, 300)
  override name!: string;

  @Field(() => InstitutionKind, { description: 'Kind of institution.' })
  override kind!: InstitutionKind;

  @Field(() => ID, { description: 'The administrative unit (commune or hamlet, usually) it is in.' })
  unitId!: string;
}

@InputType({ description: 'Changes to an institution; omitted fields stay as they are, null clears a field.' })
export class UpdateInstitutionInput extends InstitutionFieldsInput {
  @Field(() => ID, { description: 'The institution.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Move it to another administrative unit (officials only).' })
  unitId?: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of creating or changing an institution.' })
export class InstitutionPayload {
  @Field(() => InstitutionType, { nullable: true, description: 'The institution, when the change was made.' })
  institution!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
