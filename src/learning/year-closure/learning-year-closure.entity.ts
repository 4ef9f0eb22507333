import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';

/**
 * The records of a unit (and everything under it) for a year are closed: no self-declared log
 * dated in that year can be added any more. Written by an assessor, and by recognition later.
 */
@Entity({ tableName: 'learning_year_closure' })
@Unique({ properties: ['unit', 'year'] })
@Check({ name: 'learning_year_closure_year_range', expression: '(year >= 2000) and (year <= 2100)' })
export class LearningYearClosure extends BaseEntity<'closedBy'> {
  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  closedAt!: Date;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  closedBy: Account | null = null;
}
