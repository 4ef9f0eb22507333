import { Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CsvImportReportFields } from '../../graphql/csv-import-report';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { Gender, OccupationalGroup } from '../people.enums';

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

@ObjectType('CitizenEdge', { simpleResolvers: true, description: 'One citizen in a list.' })
export class CitizenEdge extends EdgeType('Citizen', CitizenType) {}

@ObjectType('CitizenConnection', { simpleResolvers: true, description: 'A page of citizens.' })
export class CitizenConnection extends ConnectionType('Citizen', CitizenEdge) {}

@InputType({ description: 'Which citizens to list (assessors see their area, province admins everyone).' })
export class CitizenFilter {
  @Field({ nullable: true, description: 'Words of the name, with or without diacritics ("nguyen van", "Nguyễn Văn").' })
  @Length(1, 200)
  search?: string;

  @Field({ nullable: true, description: 'Exactly this national ID number (CCCD).' })
  @Length(1, 32)
  nationalId?: string;

  @Field(() => ID, { nullable: true, description: 'Only residents of this unit and the units under it.' })
  unitId?: string;
}

@InputType({ description: 'Profile fields a citizen gives or an assessor records.' })
class CitizenProfileInput {
  @Field(() => String, { nullable: true, description: 'Mobile number, 0 followed by 9 digits (or +84).' })
  @MaxLength(32)
  phone?: string | null;

  @Field(() => OccupationalGroup, { nullable: true, description: 'Occupational group of the Learning Citizen title.' })
  occupationalGroup?: OccupationalGroup | null;

  @Field({ nullable: true, description: 'Belongs to an ethnic minority.' })
  ethnicMinority?: boolean;

  @Field({ nullable: true, description: 'Lives with a disability.' })
  disability?: boolean;
}

@InputType({ description: 'Your own citizen profile, made once per account.' })
export class CreateMyCitizenProfileInput extends CitizenProfileInput {
  @Field({ description: 'Full name as on the identity card.' })
  @Length(1, 200)
  fullName!: string;

  @Field(() => Int, { description: 'Year of birth.' })
  birthYear!: number;

  @Field(() => Gender, { description: 'Gender.' })
  gender!: Gender;

  @Field({ description: 'National ID number (CCCD), 12 digits; it must match the birth year and gender.' })
  @Length(1, 32)
  nationalId!: string;

  @Field(() => ID, { description: 'Where you live: a hamlet, or the commune when you do not know the hamlet.' })
  residenceId!: string;
}

@InputType({ description: 'A citizen an assessor registers in a unit of their area.' })
export class RegisterCitizenInput extends CitizenProfileInput {
  @Field({ description: 'Full name as on the identity card.' })
  @Length(1, 200)
  fullName!: string;

  @Field(() => Int, { description: 'Year of birth.' })
  birthYear!: number;

  @Field(() => Gender, { description: 'Gender.' })
  gender!: Gender;

  @Field(() => String, { nullable: true, description: 'National ID number (CCCD), when the citizen has one; unique across the province.' })
  @MaxLength(32)
  nationalId?: string | null;

  @Field(() => ID, { description: 'Where the citizen lives: a hamlet, or a commune when the hamlet is not known.' })
  residenceId!: string;
}

@InputType({
  description:
    'Changes to a citizen profile; omitted fields stay. The citizen changes phone, residence and the reporting fields; name, birth year, gender and national ID are changed by assessors of their unit.',
})
export class UpdateCitizenInput extends CitizenProfileInput {
  @Field(() => ID, { description: 'The citizen.' })
  id!: string;

  @Field({ nullable: true, description: 'Full name.' })
  @Length(1, 200)
  fullName?: string;

  @Field(() => Int, { nullable: true, description: 'Year of birth.' })
  birthYear?: number;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  gender?: Gender;

  @Field(() => String, { nullable: true, description: 'National ID number (CCCD); null removes it.' })
  @MaxLength(32)
  nationalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New residence: a hamlet or commune.' })
  residenceId?: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of creating or changing a citizen profile.' })
export class CitizenPayload {
  @Field(() => CitizenType, { nullable: true, description: 'The profile, when the change was made.' })
  citizen!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@InputType({ description: 'The profile an assessor registered, to hand a claim code to its owner.' })
export class IssueCitizenClaimCodeInput {
  @Field(() => ID, { description: 'The citizen, who has no account yet.' })
  citizenId!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A one-time code the citizen types with their national ID number to claim their profile.' })
export class IssueCitizenClaimCodePayload {
  @Field(() => String, { nullable: true, description: 'The code, shown once; give it to the citizen in person. A new code replaces the previous one.' })
  claimCode!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the code stops working (14 days).' })
  expiresAt!: Date | null;

  @Field(() => [UserError], { description: 'Why no code was issued.' })
  errors!: UserError[];
}

@InputType({ description: 'Proof that a profile an assessor registered is yours.' })
export class ClaimCitizenProfileInput {
  @Field({ description: 'Your national ID number (CCCD).' })
  @Length(1, 32)
  nationalId!: string;

  @Field({ description: 'The claim code the assessor gave you.' })
  @Length(1, 32)
  claimCode!: string;
}

@InputType({ description: 'Citizens of one hamlet (or commune) as CSV: national_id, full_name, birth_year, gender, and optionally phone, occupational_group, ethnic_minority, disability.' })
export class ImportCitizensInput {
  @Field(() => ID, { description: 'The hamlet (or commune) the citizens live in; it must be in your area.' })
  unitId!: string;

  @Field({ description: 'The CSV text with its header row; UTF-8, at most 900,000 characters. gender is FEMALE, MALE, OTHER (or Nữ, Nam, Khác).' })
  @MaxLength(900_000)
  csv!: string;
}

@ObjectType({ description: 'What an import of citizens did: rows are matched by national ID number; each refused row changed nothing.' })
export class CitizenImportReport extends CsvImportReportFields {}

@ObjectType({ description: 'Result of importing citizens.' })
export class ImportCitizensPayload {
  @Field(() => CitizenImportReport, { nullable: true, description: 'What the import did; null when the file could not be read at all.' })
  report!: CitizenImportReport | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when the file could not be read.' })
  errors!: UserError[];
}
