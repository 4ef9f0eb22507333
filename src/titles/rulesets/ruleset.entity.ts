import { DecimalType, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { BaseEntity } from '../../infra/base.entity';
import { IndicatorMinimumKind, IndicatorSource, PassRuleKind, RulesetStatus, TitleKind } from '../titles.enums';

/** One step of a scoring table: a metric value of at least `atLeast` scores `points`. */
export interface ScoringBand {
  atLeast: number;
  points: number;
}

/**
 * A criterion of a points definition: a group of its indicators whose scores add up to the
 * criterion's sum, its maximum the sum of theirs (titles.md: a family's "adults' learning", 30).
 */
export interface TitleCriterion {
  code: string;
  labelVi: string;
  labelEn: string;
  /** Codes of the definition's indicators it groups, each in at most one criterion. */
  indicatorCodes: string[];
}

/** Parameters of a metric, checked against the metric catalogue (metrics.ts). */
export type MetricParams = Record<string, unknown>;

/**
 * A versioned set of criteria (`VN-2024` version 1). A draft is edited by province admins; once
 * published it is read-only, and progress rows and awards record the version they used.
 */
@Entity({ tableName: 'title_ruleset' })
@Unique({ properties: ['code', 'version'] })
@Index({ properties: ['status', 'effectiveFrom'] })
export class TitleRuleset extends BaseEntity<'status' | 'effectiveTo' | 'description' | 'publishedAt' | 'publishedBy' | 'basedOn' | 'createdBy'> {
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Enum({ items: () => RulesetStatus, default: RulesetStatus.DRAFT })
  status: RulesetStatus = RulesetStatus.DRAFT;

  @Property({ type: 'string', columnType: 'date' })
  effectiveFrom!: string;

  /** Last day it applies, included; open-ended when null. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  effectiveTo: string | null = null;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  publishedBy: Account | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  createdBy: Account | null = null;

  /** The version this draft was copied from. */
  @ManyToOne(() => TitleRuleset, { nullable: true, deleteRule: 'set null' })
  basedOn: TitleRuleset | null = null;
}

/**
 * The criteria of one title kind (and unit level, for LEARNING_COMMUNITY) in a ruleset, with its
 * pass rule in columns so the engine's SQL can read them.
 */
@Entity({ tableName: 'title_definition' })
@Unique({ name: 'title_definition_subject_unique', expression: 'create unique index "title_definition_subject_unique" on "title_definition" ("ruleset_id", "kind", coalesce("unit_level", \'\'))' })
export class TitleDefinition extends BaseEntity<
  'unitLevel' | 'basis' | 'totalPoints' | 'passThreshold' | 'disadvantagedThreshold' | 'indicatorMinimum' | 'indicatorMinimumKind' | 'criteria' | 'criterionMinimum' | 'criterionMinimumKind' | 'checklistLevels' | 'recognitionValidityYears'
> {
  @ManyToOne(() => TitleRuleset, { deleteRule: 'cascade' })
  ruleset!: TitleRuleset;

  @Enum({ items: () => TitleKind })
  kind!: TitleKind;

  /** The level of the units assessed, for LEARNING_COMMUNITY; null for the other kinds. */
  @Enum({ items: () => UnitLevel, nullable: true })
  unitLevel: UnitLevel | null = null;

  /** Order among the definitions of a ruleset (and of evaluation: citizens first). */
  @Property({ type: 'integer' })
  position!: number;

  /** The texts the criteria follow ("448/QĐ-KHVN", "Circular 25/2023/TT-BGDĐT"). */
  @Property({ type: 'text', nullable: true })
  basis: string | null = null;

  @Enum({ items: () => PassRuleKind })
  passRule!: PassRuleKind;

  /** POINTS: the maximum total, which the indicators' maximum scores add up to. */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  totalPoints: number | null = null;

  /** POINTS: the total a subject needs. */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  passThreshold: number | null = null;

  /** POINTS: the lower total for subjects living in a disadvantaged area; none when null. */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  disadvantagedThreshold: number | null = null;

  /** POINTS: no indicator may score below this (points, or a fraction of its maximum). */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 4, nullable: true })
  indicatorMinimum: number | null = null;

  @Enum({ items: () => IndicatorMinimumKind, nullable: true })
  indicatorMinimumKind: IndicatorMinimumKind | null = null;

  /** POINTS: the criteria grouping the indicators, in order; none when empty. */
  @Property({ type: 'json', default: '[]' })
  criteria: TitleCriterion[] = [];

  /** POINTS: no criterion's sum may be below this (points, or a fraction of the criterion's maximum). */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 4, nullable: true })
  criterionMinimum: number | null = null;

  @Enum({ items: () => IndicatorMinimumKind, nullable: true })
  criterionMinimumKind: IndicatorMinimumKind | null = null;

  /** CHECKLIST: how many levels (1 or 2 in the texts). */
  @Property({ type: 'integer', nullable: true })
  checklistLevels: number | null = null;

  /** How many years a recognition of this title stays valid; one year when null. */
  @Property({ type: 'integer', nullable: true })
  recognitionValidityYears: number | null = null;
}

/** One criterion of a title definition: its score comes from a metric, an assessor, or both. */
@Entity({ tableName: 'title_indicator' })
@Unique({ properties: ['definition', 'code'] })
export class TitleIndicator extends BaseEntity<'maxScore' | 'metric' | 'metricParams' | 'scoring' | 'level' | 'metAtLeast' | 'appliesTo'> {
  @ManyToOne(() => TitleDefinition, { deleteRule: 'cascade' })
  definition!: TitleDefinition;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 64 })
  code!: string;

  @Property({ type: 'string', length: 500 })
  labelVi!: string;

  @Property({ type: 'string', length: 500 })
  labelEn!: string;

  @Enum({ items: () => IndicatorSource })
  source!: IndicatorSource;

  /** POINTS: the most it can score. */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  maxScore: number | null = null;

  /** AUTO and AUTO_OR_ATTESTED: a name of the metric catalogue. */
  @Property({ type: 'string', length: 64, nullable: true })
  metric: string | null = null;

  @Property({ type: 'json', nullable: true })
  metricParams: MetricParams | null = null;

  /** POINTS with a metric: bands by increasing `atLeast`; a value below the first scores 0. */
  @Property({ type: 'json', nullable: true })
  scoring: ScoringBand[] | null = null;

  /** CHECKLIST: the level this indicator belongs to. */
  @Property({ type: 'integer', nullable: true })
  level: number | null = null;

  /** CHECKLIST with a metric: met when the metric's value is at least this. */
  @Property({ type: new DecimalType('number'), precision: 12, scale: 4, nullable: true })
  metAtLeast: number | null = null;

  /** LEARNING_UNIT: the organisation kinds it applies to; every subject when null. */
  @Property({ type: 'text[]', nullable: true })
  appliesTo: string[] | null = null;
}
