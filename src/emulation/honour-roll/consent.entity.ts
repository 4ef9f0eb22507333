import { Entity, OneToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import { Citizen } from '../../people/citizens/citizen.entity';

/**
 * A citizen's consent to be named on the public honour roll (name, unit, achievement only). A
 * citizen without a row, or with the consent withdrawn, is left off it.
 */
@Entity({ tableName: 'honour_roll_consent' })
export class HonourRollConsent extends BaseEntity<'withdrawnAt'> {
  @OneToOne(() => Citizen, { owner: true, deleteRule: 'cascade' })
  citizen!: Citizen;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  givenAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;
}
