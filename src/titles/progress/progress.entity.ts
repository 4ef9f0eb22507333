import { DecimalType, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { ProgressStatus, ScoreSource, SubjectKind } from '../engine/engine.enums';
import { TitleRuleset } from '../rulesets/ruleset.entity';
import { TitleRun } from '../engine/run.entity';
import { TitleKind } from '../titles.enums';

/**
 * The score of one indicator in a progress row. Explanations and "what is missing" are rendered
 * from it (and the ruleset's indicator) when read, in the reader's language, so a million rows
 * do not each carry ten sentences in two languages.
 */
export interface IndicatorScore {
  code: string;
  source: ScoreSource;
  /** Null when MISSING. */
  score: number | null;
  /** The metric's value for AUTO and AUTO_OR_ATTESTED indicators (also when an attestation overrides it). */
  value: number | null;
  /** A share of holders of another title: what it counted (absent on rows computed before it was recorded). */
  holders?: HolderCount;
}

/**
 * The count behind a share of holders of another title: `held` of `counted`, of which
 * `countedRecognised` sit where the year's recognition of that title is recorded (and so count
 * awards) and the others count provisional progress (titles.md).
 */
export interface HolderCount {
  held: number;
  counted: number;
  countedRecognised: number;
}

/**
 * Where a subject stands against one title for one year, as computed by the last run: upserted on
 * (subject kind, subject id, title kind, unit level, year), so runs are idempotent.
 */
@Entity({ tableName: 'title_progress' })
@Unique({
  name: 'title_progress_subject_unique',
  expression: 'create unique index "title_progress_subject_unique" on "title_progress" ("subject_kind", "subject_id", "title_kind", "unit_level", "year") nulls not distinct',
})
@Index({ properties: ['unit', 'year', 'titleKind', 'status'] })
export class TitleProgress extends BaseEntity<'unitLevel' | 'levelReached' | 'run'> {
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

  /** The unit the subject belonged to when computed (a citizen's residence): standings and access read it. */
  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @ManyToOne(() => TitleRuleset)
  ruleset!: TitleRuleset;

  /** In the order of the definition's indicators. */
  @Property({ type: 'json' })
  indicators!: IndicatorScore[];

  @Property({ type: new DecimalType('number'), precision: 8, scale: 2 })
  total!: number;

  /** The total the subject needs (the lower one in a disadvantaged area). */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  threshold!: number | null;

  @Property({ type: 'boolean' })
  disadvantaged!: boolean;

  @Enum({ items: () => ProgressStatus })
  status!: ProgressStatus;

  /** The level reached: 1 for a points rule that holds, the checklist level otherwise; 0 for none. */
  @Property({ type: 'integer', nullable: true })
  levelReached: number | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  computedAt!: Date;

  @ManyToOne(() => TitleRun, { nullable: true, deleteRule: 'set null' })
  run: TitleRun | null = null;
}

/** The state of a progress row as the run of a month left it, kept so a trend can be shown. */
@Entity({ tableName: 'title_progress_month' })
@Unique({
  name: 'title_progress_month_unique',
  expression:
    'create unique index "title_progress_month_unique" on "title_progress_month" ("subject_kind", "subject_id", "title_kind", "unit_level", "year", "month") nulls not distinct',
})
export class TitleProgressMonth extends BaseEntity<'unitLevel' | 'levelReached'> {
  @Enum({ items: () => SubjectKind })
  subjectKind!: SubjectKind;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Enum({ items: () => TitleKind })
  titleKind!: TitleKind;

  @Enum({ items: () => UnitLevel, nullable: true })
  unitLevel: UnitLevel | null = null;

  @Property({ type: 'integer' })
  year!: number;

  /** First day of the month (Asia/Ho_Chi_Minh) the run happened in; January of the next year for a closed year's final pass. */
  @Property({ type: 'string', columnType: 'date' })
  month!: string;

  @ManyToOne(() => TitleRuleset)
  ruleset!: TitleRuleset;

  @Property({ type: new DecimalType('number'), precision: 8, scale: 2 })
  total!: number;

  @Enum({ items: () => ProgressStatus })
  status!: ProgressStatus;

  @Property({ type: 'integer', nullable: true })
  levelReached: number | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  computedAt!: Date;
}
