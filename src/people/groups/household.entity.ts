import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../citizens/citizen.entity';
import { Membership } from './membership.entity';

/** A household (hộ gia đình): its address is a hamlet, its head one of its current members. */
@Entity({ tableName: 'household' })
@Index({ properties: ['hamlet'] })
export class Household extends BaseEntity {
  /** How people name it, e.g. "Hộ ông Nguyễn Văn Ba". */
  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne(() => AdministrativeUnit)
  hamlet!: AdministrativeUnit;

  @ManyToOne(() => Citizen)
  head!: Citizen;
}

/** A citizen living in a household for a period; a citizen has at most one household on any day. */
@Entity({ tableName: 'household_membership' })
@Check({ name: 'household_membership_period', expression: 'valid_to is null or valid_to >= valid_from' })
@Index({ name: 'household_membership_open_unique', expression: 'create unique index "household_membership_open_unique" on "household_membership" ("citizen_id") where valid_to is null' })
@Index({ properties: ['household', 'validFrom'] })
@Index({ properties: ['citizen', 'validFrom'] })
export class HouseholdMembership extends Membership {
  @ManyToOne(() => Household)
  household!: Household;

  @ManyToOne(() => Citizen)
  citizen!: Citizen;
}
