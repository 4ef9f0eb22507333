import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../auth/account.entity';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { BaseEntity } from '../infra/base.entity';
import { TitleAward } from '../titles/recognition/recognition.entity';
import { IssuerKey } from './issuer-key.entity';

/**
 * An Open Badges 3.0 credential issued for an award, as the VC-JWT signed then. One per award and
 * signing key: issuing again returns it, and after a rotation issues a new one with the new key.
 * Its bit in the status list is its award's revocation.
 */
@Entity({ tableName: 'award_credential' })
@Unique({ properties: ['award', 'key'] })
export class AwardCredential extends BaseEntity<'issuedBy'> {
  @ManyToOne(() => TitleAward)
  award!: TitleAward;

  /** The unit whose People's Committee issued it (the recognising body). */
  @ManyToOne(() => AdministrativeUnit)
  issuerUnit!: AdministrativeUnit;

  @ManyToOne(() => IssuerKey)
  key!: IssuerKey;

  /** Position of its bit in the status lists, from 0, across lists of STATUS_LIST_BITS. */
  @Property({ type: 'integer', unique: true })
  statusIndex!: number;

  @Property({ type: 'text' })
  jwt!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validFrom!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validUntil!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt!: Date;

  @ManyToOne(() => Account, { nullable: true })
  issuedBy: Account | null = null;
}
