import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { YearField } from '../../graphql/year';

@InputType({ description: "An assessor's met / not met for an attested item of a collective's emulation checklist." })
export class AttestEmulationItemInput {
  @Field(() => ID, { description: 'Global id of the collective: an AdministrativeUnit (province, district, commune) or an Organisation.' })
  collectiveId!: string;

  @YearField('The year assessed.')
  year!: number;

  @Field({ description: 'Code of an ATTESTED or AUTO_OR_ATTESTED item of the checklist in force for the year (e.g. "POLICIES").' })
  @Length(1, 64)
  indicatorCode!: string;

  @Field(() => Boolean, { description: 'Met or not.' })
  met!: boolean;

  @Field(() => String, { nullable: true, description: 'A note, up to 2000 characters.' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Object key of an evidence file, up to 500 characters.' })
  evidenceKey?: string | null;
}
