import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../citizens/citizen.entity';
import { Household } from './household.entity';
import { Membership } from './membership.entity';

/** A clan (dòng họ): member households and a representative, registered with a unit. */
@Entity({ tableName: 'clan' })
@Index({ properties: ['unit'] })
export class Clan extends BaseEntity<'representative'> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The unit the clan is registered with (usually a commune); its assessors manage it. */
  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @ManyToOne(() => Citizen, { nullable: true, deleteRule: 'set null' })
  representative: Citizen | null = null;
}

/** A household belonging to a clan for a period. */
@Entity({ tableName: 'clan_membership' })
@Check({ name: 'clan_membership_period', expression: 'valid_to is null or valid_to >= valid_from' })
@Index({ name: 'clan_membership_open_unique', expression: 'create unique index "clan_membership_open_unique" on "clan_membership" ("clan_id", "household_id") where valid_to is null' })
@Index({ properties: ['clan', 'validFrom'] })
@Index({ properties: ['household'] })
export class ClanMembership extends Membership {
  @ManyToOne(() => Clan)
  clan!: Clan;

  @ManyToOne(() => Household)
  household!: Household;
}
