import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Organisation } from '../../people/groups/organisation.entity';

/**
 * An initiative or effective solution (sáng kiến, giải pháp; III.1 a–c) of a body or an
 * organisation, over a period; recognised or not by an emulation council's decision. `unit` is the
 * owner's unit; counts per unit and year read it with the year the period ends.
 */
@Entity({ tableName: 'initiative' })
@Index({ properties: ['unit', 'periodTo'] })
@Check({ name: 'initiative_owner', expression: '(owner_body_id is null) <> (owner_organisation_id is null)' })
@Check({ name: 'initiative_period', expression: 'period_from <= period_to' })
@Check({ name: 'initiative_recognition', expression: '(recognised_at is null) = (decision_number is null) and (decision_number is null) = (decision_date is null)' })
export class Initiative extends BaseEntity<'ownerBody' | 'ownerOrganisation' | 'evidenceKeys' | 'recordedBy' | 'decisionNumber' | 'decisionDate' | 'council' | 'recognisedAt' | 'recognisedBy'> {
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text' })
  summary!: string;

  @ManyToOne(() => Body, { nullable: true })
  ownerBody: Body | null = null;

  @ManyToOne(() => Organisation, { nullable: true })
  ownerOrganisation: Organisation | null = null;

  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Property({ type: 'string', columnType: 'date' })
  periodFrom!: string;

  @Property({ type: 'string', columnType: 'date' })
  periodTo!: string;

  @Property({ type: 'text[]', default: '{}' })
  evidenceKeys: string[] = [];

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  recordedBy: Account | null = null;

  /** The emulation council's decision recognising it; null while not recognised. */
  @Property({ type: 'string', length: 64, nullable: true })
  decisionNumber: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  decisionDate: string | null = null;

  /** The council that recognised it, as named in the decision. */
  @Property({ type: 'string', length: 300, nullable: true })
  council: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  recognisedAt: Date | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  recognisedBy: Account | null = null;
}
