import { ArrayMaxSize, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { YearField } from '../../graphql/year';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { OrganisationKind, OrganisationRole } from '../people.enums';

@ObjectType('Household', {
  simpleResolvers: true,
  implements: Node,
  description: 'A household (hộ gia đình) in a hamlet. Visible to its members (as a summary) and to assessors of its hamlet.',
})
export class HouseholdType extends Node {
  @Field({ description: 'How people name it, e.g. "Hộ ông Nguyễn Văn Ba".' })
  name!: string;
}

@ObjectType('HouseholdMember', { simpleResolvers: true, description: 'Someone living in a household for a period: name and role for every reader, the profile only for those who may read it.' })
export class HouseholdMemberType {
  @Field(() => DateScalar, { description: 'First day of the membership (moving in).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the membership; null while it lasts.' })
  validTo!: string | null;
}

@ObjectType('Clan', { simpleResolvers: true, implements: Node, description: 'A clan (dòng họ): member households and a representative. Visible to assessors of its unit.' })
export class ClanType extends Node {
  @Field({ description: 'Name, e.g. "Họ Nguyễn ấp Bình Hòa".' })
  name!: string;
}

@ObjectType('ClanHousehold', { simpleResolvers: true, description: 'A household belonging to a clan for a period.' })
export class ClanHouseholdType {
  @Field(() => DateScalar, { description: 'First day of the membership.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the membership; null while it lasts.' })
  validTo!: string | null;
}

@ObjectType('Organisation', { simpleResolvers: true, implements: Node, description: 'An agency, school, enterprise or cooperative of a unit. Public; its members are visible to assessors of its unit.' })
export class OrganisationType extends Node {
  @Field({ description: 'Name.' })
  name!: string;

  @Field(() => OrganisationKind, { description: 'Kind of organisation.' })
  kind!: OrganisationKind;
}

@ObjectType('OrganisationMember', { simpleResolvers: true, description: 'A citizen working or learning in an organisation for a period.' })
export class OrganisationMemberType {
  @Field(() => OrganisationRole, { description: 'Staff or learner.' })
  role!: OrganisationRole;

  @Field(() => DateScalar, { description: 'First day of the membership.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the membership; null while it lasts.' })
  validTo!: string | null;
}

@ObjectType('OrganisationMemberEdge', { simpleResolvers: true, description: 'One member in a list.' })
export class OrganisationMemberEdge extends EdgeType('OrganisationMember', OrganisationMemberType) {}

@ObjectType('OrganisationMemberConnection', { simpleResolvers: true, description: 'A page of an organisation’s members.' })
export class OrganisationMemberConnection extends ConnectionType('OrganisationMember', OrganisationMemberEdge) {}

@ObjectType('HouseholdMemberEdge', { simpleResolvers: true, description: 'One member of a household in a list.' })
export class HouseholdMemberEdge extends EdgeType('HouseholdMember', HouseholdMemberType) {}

@ObjectType('HouseholdMemberConnection', { simpleResolvers: true, description: 'A page of a household’s members.' })
export class HouseholdMemberConnection extends ConnectionType('HouseholdMember', HouseholdMemberEdge) {}

@ObjectType('ClanHouseholdEdge', { simpleResolvers: true, description: 'One household of a clan in a list.' })
export class ClanHouseholdEdge extends EdgeType('ClanHousehold', ClanHouseholdType) {}

@ObjectType('ClanHouseholdConnection', { simpleResolvers: true, description: 'A page of a clan’s households.' })
export class ClanHouseholdConnection extends ConnectionType('ClanHousehold', ClanHouseholdEdge) {}

@ObjectType('CitizenOrganisation', { simpleResolvers: true, description: 'An organisation a citizen belongs to, and how.' })
export class CitizenOrganisationType {
  @Field(() => OrganisationRole, { description: 'Staff or learner.' })
  role!: OrganisationRole;

  @Field(() => DateScalar, { description: 'First day of the membership.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the membership; null while it lasts.' })
  validTo!: string | null;
}

@ObjectType('HouseholdEdge', { simpleResolvers: true, description: 'One household in a list.' })
export class HouseholdEdge extends EdgeType('Household', HouseholdType) {}

@ObjectType('HouseholdConnection', { simpleResolvers: true, description: 'A page of households.' })
export class HouseholdConnection extends ConnectionType('Household', HouseholdEdge) {}

@ObjectType('ClanEdge', { simpleResolvers: true, description: 'One clan in a list.' })
export class ClanEdge extends EdgeType('Clan', ClanType) {}

@ObjectType('ClanConnection', { simpleResolvers: true, description: 'A page of clans.' })
export class ClanConnection extends ConnectionType('Clan', ClanEdge) {}

@ObjectType('OrganisationEdge', { simpleResolvers: true, description: 'One organisation in a list.' })
export class OrganisationEdge extends EdgeType('Organisation', OrganisationType) {}

@ObjectType('OrganisationConnection', { simpleResolvers: true, description: 'A page of organisations.' })
export class OrganisationConnection extends ConnectionType('Organisation', OrganisationEdge) {}

@InputType({ description: 'Which households, clans or organisations to list, by name.' })
export class GroupFilter {
  @Field(() => ID, { nullable: true, description: 'Only those of this unit and the units under it.' })
  unitId?: string;
}

@InputType({ description: 'Which organisations to list, by name.' })
export class OrganisationFilter extends GroupFilter {
  @Field(() => [OrganisationKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: OrganisationKind[];
}

@InputType({ description: 'A household of a hamlet of your area, with its head as first member.' })
export class CreateHouseholdInput {
  @Field(() => ID, { description: 'The hamlet (its address).' })
  hamletId!: string;

  @Field({ description: 'How people name it, e.g. "Hộ ông Nguyễn Văn Ba".' })
  @Length(1, 200)
  name!: string;

  @Field(() => ID, { description: 'The head of the household; they move into it.' })
  headId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Since when the head lives there; today by default.' })
  validFrom?: string;
}

@InputType({ description: 'Changes to a household; omitted fields stay.' })
export class UpdateHouseholdInput {
  @Field(() => ID, { description: 'The household.' })
  id!: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 200)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New head, who must be a current member.' })
  headId?: string;
}

@InputType({ description: 'A citizen moving into a household; their previous household membership ends the day before.' })
export class AddHouseholdMemberInput {
  @Field(() => ID, { description: 'The household.' })
  householdId!: string;

  @Field(() => ID, { description: 'The citizen.' })
  citizenId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day in the household; today by default, never in the future.' })
  validFrom?: string;
}

@InputType({ description: 'A member leaving a household (moving away, death).' })
export class EndHouseholdMembershipInput {
  @Field(() => ID, { description: 'The household.' })
  householdId!: string;

  @Field(() => ID, { description: 'The citizen, not the head.' })
  citizenId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in the household; today by default.' })
  validTo?: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of a change to a household.' })
export class HouseholdPayload {
  @Field(() => HouseholdType, { nullable: true, description: 'The household, when the change was made.' })
  household!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@InputType({ description: 'A clan registered with a unit of your area.' })
export class CreateClanInput {
  @Field(() => ID, { description: 'The unit (usually a commune or hamlet).' })
  unitId!: string;

  @Field({ description: 'Name, e.g. "Họ Nguyễn ấp Bình Hòa".' })
  @Length(1, 200)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The representative, a citizen of your area.' })
  representativeId?: string;
}

@InputType({ description: 'Changes to a clan; omitted fields stay.' })
export class UpdateClanInput {
  @Field(() => ID, { description: 'The clan.' })
  id!: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 200)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New representative; null removes them.' })
  representativeId?: string | null;
}

@InputType({ description: 'A household of your area joining a clan.' })
export class AddClanHouseholdInput {
  @Field(() => ID, { description: 'The clan.' })
  clanId!: string;

  @Field(() => ID, { description: 'The household.' })
  householdId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day in the clan; today by default.' })
  validFrom?: string;
}

@InputType({ description: 'A household leaving a clan.' })
export class EndClanMembershipInput {
  @Field(() => ID, { description: 'The clan.' })
  clanId!: string;

  @Field(() => ID, { description: 'The household.' })
  householdId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in the clan; today by default.' })
  validTo?: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of a change to a clan.' })
export class ClanPayload {
  @Field(() => ClanType, { nullable: true, description: 'The clan, when the change was made.' })
  clan!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@InputType({ description: 'An organisation of a unit of your area.' })
export class CreateOrganisationInput {
  @Field(() => ID, { description: 'The unit it belongs to.' })
  unitId!: string;

  @Field({ description: 'Name.' })
  @Length(1, 300)
  name!: string;

  @Field(() => OrganisationKind, { description: 'Kind of organisation.' })
  kind!: OrganisationKind;
}

@InputType({ description: 'A citizen joining an organisation as staff or learner; a change of role ends the previous membership the day before.' })
export class AddOrganisationMemberInput {
  @Field(() => ID, { description: 'The organisation.' })
  organisationId!: string;

  @Field(() => ID, { description: 'The citizen, one you may see.' })
  citizenId!: string;

  @Field(() => OrganisationRole, { description: 'Staff or learner.' })
  role!: OrganisationRole;

  @Field(() => DateScalar, { nullable: true, description: 'First day; today by default.' })
  validFrom?: string;
}

@InputType({ description: 'A member leaving an organisation.' })
export class EndOrganisationMembershipInput {
  @Field(() => ID, { description: 'The organisation.' })
  organisationId!: string;

  @Field(() => ID, { description: 'The citizen.' })
  citizenId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; today by default.' })
  validTo?: string;
}

@InputType({ description: 'The programmes an organisation makes mandatory for its members in a year (replaces that year’s list).' })
export class SetOrganisationMandatoryProgrammesInput {
  @Field(() => ID, { description: 'The organisation.' })
  organisationId!: string;

  @YearField('The year.')
  year!: number;

  @Field(() => [ID], { description: 'The programmes; an empty list clears the year.' })
  @ArrayMaxSize(100)
  programmeIds!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of a change to an organisation.' })
export class OrganisationPayload {
  @Field(() => OrganisationType, { nullable: true, description: 'The organisation, when the change was made.' })
  organisation!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
