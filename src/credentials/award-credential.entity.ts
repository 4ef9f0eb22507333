import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../auth/account.entity';
import { Body } from '../bodies/body.entity';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { Nomination } from '../emulation/nominations/nomination.entity';
import { BaseEntity } from '../infra/base.entity';
import { TitleAward } from '../titles/recognition/recognition.entity';
import { IssuerKey } from './issuer-key.entity';

/**
 * An Open Badges 3.0 credential issued for a recognised title or a decided commendation, as the
 * VC-JWT signed then. One per award (or commendation) and signing key: issuing again returns it, and
 * after a rotation issues a new one with the new key. Its bit in the status list is the revocation
 * of what it certifies.
 */
@Entity({ tableName: 'award_credential' })
@Unique({ properties: ['award', 'key'] })
@Unique({ properties: ['nomination', 'key'] })
@Check({ name: 'award_credential_one_subject', expression: 'num_nonnulls(award_id, nomination_id) = 1' })
@Check({ name: 'award_credential_one_issuer', expression: 'num_nonnulls(issuer_unit_id, issuer_body_id) = 1' })
// No delete rules: what a credential certifies and who issued it are never unset under it.
export class AwardCredential extends BaseEntity<'issuedBy' | 'award' | 'nomination' | 'issuerUnit' | 'issuerBody' | 'validUntil'> {
  @ManyToOne(() => TitleAward, { nullable: true, deleteRule: 'no action' })
  award: TitleAward | null = null;

  /** The decided commendation (a nomination at DECIDED) it certifies, when it is not a title award. */
  @ManyToOne(() => Nomination, { nullable: true, deleteRule: 'no action' })
  nomination: Nomination | null = null;

  /** The unit whose People's Committee issued it (the recognising or commending body), or null for another body. */
  @ManyToOne(() => AdministrativeUnit, { nullable: true, deleteRule: 'no action' })
  issuerUnit: AdministrativeUnit | null = null;

  /** The body other than a People's Committee that issued it (a Giấy khen of the Women's Union). */
  @ManyToOne(() => Body, { nullable: true, deleteRule: 'no action' })
  issuerBody: Body | null = null;

  @ManyToOne(() => IssuerKey)
  key!: IssuerKey;

  /** Position of its bit in the status lists, from 0, across lists of STATUS_LIST_BITS. */
  @Property({ type: 'integer', unique: true })
  statusIndex!: number;

  @Property({ type: 'text' })
  jwt!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validFrom!: Date;

  /** Null for a commendation, which does not expire. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  validUntil: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt!: Date;

  @ManyToOne(() => Account, { nullable: true })
  issuedBy: Account | null = null;
}
