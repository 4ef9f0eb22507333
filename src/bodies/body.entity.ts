import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../auth/account.entity';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { BaseEntity } from '../infra/base.entity';
import { BodyKind } from './body.enums';

/**
 * A body that reports on the movement and proposes commendations: the People's Committee of a
 * unit, a provincial department, the Fatherland Front, a socio-political organisation, an
 * association. Its unit is the one it serves (the province for provincial departments).
 */
@Entity({ tableName: 'body' })
@Unique({ properties: ['unit', 'name'] })
@Index({ properties: ['kind'] })
export class Body extends BaseEntity<'superior'> {
  @Property({ type: 'string', length: 300 })
  name!: string;

  /** The abbreviation used in the symbol of its documents, e.g. "UBND", "SGDĐT". */
  @Property({ type: 'string', length: 30 })
  shortName!: string;

  @Enum({ items: () => BodyKind })
  kind!: BodyKind;

  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  /** The body it answers to, written above its name on its documents. */
  @ManyToOne(() => Body, { nullable: true, deleteRule: 'set null' })
  superior: Body | null = null;
}

/** An account that prepares and submits the body's reports and proposals. */
@Entity({ tableName: 'body_officer' })
@Unique({ properties: ['body', 'account'] })
@Index({ properties: ['account'] })
export class BodyOfficer extends BaseEntity<'grantedBy'> {
  @ManyToOne(() => Body, { deleteRule: 'cascade' })
  body!: Body;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Account;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  grantedBy: Account | null = null;
}
