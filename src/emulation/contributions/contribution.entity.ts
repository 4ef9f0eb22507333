import { Check, DecimalType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import { Institution } from '../../catalogue/institutions/institution.entity';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { ContributionKind, ContributionStatus, ContributorKind, ExternalContributorKind, RecipientKind } from '../emulation.enums';

/** Someone who contributes without being a subject of the platform: an NGO, a business person, an overseas Vietnamese. */
@Entity({ tableName: 'external_contributor' })
export class ExternalContributor extends BaseEntity<'recordedBy'> {
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Enum({ items: () => ExternalContributorKind })
  kind!: ExternalContributorKind;

  /** Country, as written (e.g. "Việt Nam", "Hoa Kỳ"). */
  @Property({ type: 'string', length: 100 })
  country!: string;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  recordedBy: Account | null = null;
}

/**
 * Effort, expertise or material given to the learning society (III.1 d, e, g). The contributor is a
 * subject of the platform or an external contributor (kind + id); the recipient is a unit, an
 * institution or a study-promotion fund kept by a body; `unit` is the recipient's unit, which
 * totals and the verifier's scope read. Only VERIFIED contributions count.
 */
@Entity({ tableName: 'contribution' })
@Index({ properties: ['contributorKind', 'contributorId'] })
@Index({ properties: ['unit', 'contributedOn'] })
@Check({ name: 'contribution_value', expression: 'value_vnd is not null or hours is not null' })
@Check({
  name: 'contribution_recipient',
  expression: `(recipient_kind = 'INSTITUTION') = (institution_id is not null) and (recipient_kind = 'FUND') = (fund_id is not null)`,
})
export class Contribution extends BaseEntity<'valueVnd' | 'hours' | 'institution' | 'fund' | 'evidenceKeys' | 'status' | 'recordedBy' | 'verifiedBy' | 'verifiedAt'> {
  @Enum({ items: () => ContributorKind })
  contributorKind!: ContributorKind;

  @Property({ type: 'uuid' })
  contributorId!: string;

  @Enum({ items: () => ContributionKind })
  kind!: ContributionKind;

  /** Value in Vietnamese đồng, whole. */
  @Property({ type: new DecimalType('number'), precision: 18, scale: 0, nullable: true })
  valueVnd: number | null = null;

  @Property({ type: new DecimalType('number'), precision: 10, scale: 2, nullable: true })
  hours: number | null = null;

  @Property({ type: 'string', columnType: 'date' })
  contributedOn!: string;

  @Enum({ items: () => RecipientKind })
  recipientKind!: RecipientKind;

  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @ManyToOne(() => Institution, { nullable: true })
  institution: Institution | null = null;

  /** The body keeping the study-promotion fund (a Study Promotion Association). */
  @ManyToOne(() => Body, { nullable: true })
  fund: Body | null = null;

  @Property({ type: 'text' })
  description!: string;

  /** Keys of evidence files in object storage (uploaded with `createEvidenceFileUpload`). */
  @Property({ type: 'text[]', default: '{}' })
  evidenceKeys: string[] = [];

  @Enum({ items: () => ContributionStatus, default: ContributionStatus.RECORDED })
  status: ContributionStatus = ContributionStatus.RECORDED;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  recordedBy: Account | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  verifiedBy: Account | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  verifiedAt: Date | null = null;
}
