import { Check, DecimalType, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { ProgressStatus, SubjectKind } from '../engine/engine.enums';
import type { IndicatorScore } from '../progress/progress.entity';
import { AwardStatus, DecisionLevel } from './recognition.enums';
import { TitleRuleset } from '../rulesets/ruleset.entity';
import { TitleKind } from '../titles.enums';

/**
 * A title recognised for a subject and a closed year by an authority's decision. The progress the
 * decision relied on is frozen into the row (ruleset version, indicator scores, total, status), so
 * a later recalculation never changes what was recognised. Never edited: a database trigger only
 * lets an AWARDED row become REVOKED (with who, when and why), and refuses deletes.
 */
@Entity({ tableName: 'title_award' })
@Unique({
  name: 'title_award_standing_unique',
  expression:
    'create unique index "title_award_standing_unique" on "title_award" ("subject_kind", "subject_id", "title_kind", "unit_level", "year") nulls not distinct where "status" = \'AWARDED\'',
})
@Index({ properties: ['unit', 'year', 'titleKind', 'status'] })
@Index({ properties: ['subjectId', 'year'] })
@Check({ name: 'title_award_revocation', expression: `(status = 'REVOKED') = (revoked_at is not null and revocation_reason is not null)` })
export class TitleAward extends BaseEntity<'unitLevel' | 'threshold' | 'levelReached' | 'overrideReason' | 'recordedBy' | 'status' | 'revokedAt' | 'revokedBy' | 'revocationReason'> {
  @Enum({ items: () => SubjectKind })
  subjectKind!: SubjectKind;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Enum({ items: () => TitleKind })
  titleKind!: TitleKind;

  /** The unit level of the definition, for LEARNING_COMMUNITY; null for the other kinds. */
  @Enum({ items: () => UnitLevel, nullable: true })
  unitLevel: UnitLevel | null = null;

  @Property({ type: 'integer' })
  year!: number;

  /** The unit the subject belonged to in the progress recognised: access, standings and closures read it. */
  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Property({ type: 'string', length: 64 })
  decisionNumber!: string;

  @Property({ type: 'string', columnType: 'date' })
  decisionDate!: string;

  @Property({ type: 'string', length: 300 })
  issuer!: string;

  @Enum({ items: () => DecisionLevel })
  decisionLevel!: DecisionLevel;

  /** Last day the recognition is valid, included: the decision date plus the definition's validity. */
  @Property({ type: 'string', columnType: 'date' })
  validUntil!: string;

  /** The ruleset version of the progress recognised. */
  @ManyToOne(() => TitleRuleset)
  ruleset!: TitleRuleset;

  /** Frozen copy of the progress row's indicator scores when recognised. */
  @Property({ type: 'json' })
  indicators!: IndicatorScore[];

  @Property({ type: new DecimalType('number'), precision: 8, scale: 2 })
  total!: number;

  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  threshold: number | null = null;

  /** The progress status recognised: MEETS_CRITERIA, or another one when overridden. */
  @Enum({ items: () => ProgressStatus })
  progressStatus!: ProgressStatus;

  @Property({ type: 'integer', nullable: true })
  levelReached: number | null = null;

  /** When the progress recognised was computed. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  progressComputedAt!: Date;

  /** Why a subject not meeting the criteria was recognised; null when it met them. */
  @Property({ type: 'text', nullable: true })
  overrideReason: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;

  @ManyToOne(() => Account, { nullable: true })
  recordedBy: Account | null = null;

  @Enum({ items: () => AwardStatus, default: AwardStatus.AWARDED })
  status: AwardStatus = AwardStatus.AWARDED;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @ManyToOne(() => Account, { nullable: true })
  revokedBy: Account | null = null;

  @Property({ type: 'text', nullable: true })
  revocationReason: string | null = null;
}
