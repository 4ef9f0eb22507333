import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { Programme } from '../../catalogue/programmes/programme.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../citizens/citizen.entity';
import { Membership } from './membership.entity';
import { OrganisationKind, OrganisationRole } from '../people.enums';

/** An agency, school, enterprise or cooperative of a unit, whose members are staff or learners. */
@Entity({ tableName: 'organisation' })
@Index({ properties: ['unit'] })
export class Organisation extends BaseEntity {
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Enum({ items: () => OrganisationKind })
  kind!: OrganisationKind;

  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;
}

/** A citizen working or learning in an organisation for a period. */
@Entity({ tableName: 'organisation_membership' })
@Check({ name: 'organisation_membership_period', expression: 'valid_to is null or valid_to >= valid_from' })
@Index({ name: 'organisation_membership_open_unique', expression: 'create unique index "organisation_membership_open_unique" on "organisation_membership" ("organisation_id", "citizen_id") where valid_to is null' })
@Index({ properties: ['organisation', 'validFrom'] })
@Index({ properties: ['citizen'] })
export class OrganisationMembership extends Membership {
  @ManyToOne(() => Organisation)
  organisation!: Organisation;

  @ManyToOne(() => Citizen)
  citizen!: Citizen;

  @Enum({ items: () => OrganisationRole })
  role!: OrganisationRole;
}

/** A programme an organisation makes mandatory for its members in a year. */
@Entity({ tableName: 'organisation_mandatory_programme' })
@Unique({ properties: ['organisation', 'year', 'programme'] })
export class OrganisationMandatoryProgramme extends BaseEntity {
  @ManyToOne(() => Organisation)
  organisation!: Organisation;

  @Property({ type: 'integer' })
  year!: number;

  @ManyToOne(() => Programme)
  programme!: Programme;
}
