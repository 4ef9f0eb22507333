import { Check, Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import { DecidingAuthority, NomineeClass, RoundKind } from '../emulation.enums';

/** A form of commendation (hình thức khen thưởng) and the authority deciding it; data, seeded by migration. */
@Entity({ tableName: 'commendation_form' })
export class CommendationForm extends BaseEntity {
  /** Stable code, e.g. PROVINCE_CHAIRMAN_CERTIFICATE. */
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Property({ type: 'string', length: 300 })
  nameVi!: string;

  @Property({ type: 'string', length: 300 })
  nameEn!: string;

  @Enum({ items: () => DecidingAuthority })
  authority!: DecidingAuthority;
}

/** A round of commendation: one year's annual round, or the interim (2023–2025) or final (2023–2030) review. */
@Entity({ tableName: 'commendation_round' })
@Unique({ properties: ['kind', 'fromYear', 'toYear'] })
@Check({ name: 'commendation_round_years', expression: 'from_year <= to_year' })
export class CommendationRound extends BaseEntity {
  @Enum({ items: () => RoundKind })
  kind!: RoundKind;

  @Property({ type: 'integer' })
  fromYear!: number;

  @Property({ type: 'integer' })
  toYear!: number;
}

/**
 * How many commendations of a form a round may decide for a class of nominees. No row means no
 * quota (Giấy khen). The decision transaction locks the row (select … for update) before counting.
 */
@Entity({ tableName: 'commendation_quota' })
@Unique({ properties: ['round', 'form', 'nomineeClass'] })
@Check({ name: 'commendation_quota_places', expression: 'places >= 0' })
export class CommendationQuota extends BaseEntity {
  @ManyToOne(() => CommendationRound, { deleteRule: 'cascade' })
  round!: CommendationRound;

  @ManyToOne(() => CommendationForm)
  form!: CommendationForm;

  @Enum({ items: () => NomineeClass })
  nomineeClass!: NomineeClass;

  @Property({ type: 'integer' })
  places!: number;
}
