import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Length, Matches, MaxLength } from 'class-validator';
import { ConnectionType, EdgeType, Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { CsvImportReportFields } from '../../graphql/csv-import-report';
import { DateScalar } from '../../graphql/scalars';
import { UnitLevel } from '../catalogue.enums';

@ObjectType('AdministrativeUnit', {
  simpleResolvers: true,
  implements: Node,
  description: 'A province, district (historic), commune/ward/town or hamlet. Codes are reused across the 2025 reform: a unit is its code together with its validity period.',
})
export class AdministrativeUnitType extends Node {
  @Field({ description: 'Official code (GSO code for province, district and commune; a local code for hamlets).' })
  code!: string;

  @Field({ description: 'Official name with its type prefix, e.g. "Phường Long An", "Xã Bến Lức".' })
  name!: string;

  @Field(() => UnitLevel, { description: 'Level of the unit.' })
  level!: UnitLevel;

  @Field(() => DateScalar, { nullable: true, description: 'First day the unit existed in this form, when known.' })
  validFrom!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the unit existed in this form; null while it exists.' })
  validTo!: string | null;

  @Field({ description: 'Remote, especially difficult or ethnic-minority area (lowers the Learning Citizen threshold).' })
  disadvantaged!: boolean;
}

@ObjectType('AdministrativeUnitEdge', { simpleResolvers: true, description: 'One administrative unit in a list.' })
export class AdministrativeUnitEdge extends EdgeType('AdministrativeUnit', AdministrativeUnitType) {}

@ObjectType('AdministrativeUnitConnection', { simpleResolvers: true, description: 'A page of administrative units.' })
export class AdministrativeUnitConnection extends ConnectionType('AdministrativeUnit', AdministrativeUnitEdge) {}

@InputType({ description: 'Which administrative units to list.' })
export class AdministrativeUnitFilter {
  @Field({ nullable: true, description: 'Words of the name, with or without diacritics ("tan an", "Tân An").' })
  @Length(1, 200)
  search?: string;

  @Field(() => [UnitLevel], { nullable: true, description: 'Only these levels.' })
  levels?: UnitLevel[];

  @Field(() => ID, { nullable: true, description: 'Only units under this one (its whole subtree, not itself).' })
  withinId?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only units valid on this day; today (in Vietnam) by default.' })
  validOn?: string;

  @Field({ nullable: true, description: 'Also units that no longer exist (before mergers); validOn is then ignored.' })
  includeHistoric?: boolean;
}

@InputType({ description: 'A hamlet or residential quarter (ấp, khu phố) that a commune creates.' })
export class CreateHamletInput {
  @Field(() => ID, { description: 'The commune it belongs to.' })
  communeId!: string;

  @Field({ description: 'Local code, unique within the commune, e.g. "KP01".' })
  @Matches(/^[0-9A-Za-z-]{1,16}$/, { message: 'code is 1 to 16 letters, digits or hyphens' })
  code!: string;

  @Field({ description: 'Name, e.g. "Khu phố 1", "Ấp Bình Hòa".' })
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true, description: 'Whether it is a disadvantaged area.' })
  disadvantaged?: boolean;
}

@InputType({ description: 'Changes to an administrative unit; omitted fields stay as they are.' })
export class UpdateAdministrativeUnitInput {
  @Field(() => ID, { description: 'The unit.' })
  id!: string;

  @Field({ nullable: true, description: 'New name (hamlets only; official units follow the official lists).' })
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: 'Whether it is a disadvantaged area.' })
  disadvantaged?: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'Result of creating or changing an administrative unit.' })
export class AdministrativeUnitPayload {
  @Field(() => AdministrativeUnitType, { nullable: true, description: 'The unit, when the change was made.' })
  unit!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@InputType({ description: 'Administrative units as CSV: code, name, level, parent_code, valid_from, valid_to, successor_code (and optionally disadvantaged).' })
export class ImportAdministrativeUnitsInput {
  @Field({ description: 'The CSV text, with its header row; UTF-8, at most 900,000 characters.' })
  @MaxLength(900_000)
  csv!: string;
}

@ObjectType({ description: 'What an import of administrative units did. The valid rows are applied together; refused rows change nothing.' })
export class UnitImportReport extends CsvImportReportFields {
  @Field(() => Int, { description: 'Units whose successor was found and linked by this import.' })
  successorsLinked!: number;
}

@ObjectType({ description: 'Result of importing administrative units.' })
export class ImportAdministrativeUnitsPayload {
  @Field(() => UnitImportReport, { nullable: true, description: 'What the import did; null when the file could not be read at all.' })
  report!: UnitImportReport | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when the file could not be read.' })
  errors!: UserError[];
}
