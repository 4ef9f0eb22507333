import { DecimalType, Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { BaseEntity } from '../../infra/base.entity';
import { TargetPopulation } from './standings.enums';
import { TitleKind } from '../titles.enums';

/**
 * A national target for the share of subjects holding a title by a year (387/QĐ-TTg, 677/QĐ-TTg,
 * 1373/QĐ-TTg): data seeded by a migration, so a new programme is a new row, not code.
 */
@Entity({ tableName: 'title_target' })
@Unique({
  name: 'title_target_unique',
  expression: 'create unique index "title_target_unique" on "title_target" ("title_kind", "unit_level", "population", "target_year") nulls not distinct',
})
export class TitleTarget extends BaseEntity<'unitLevel'> {
  @Enum({ items: () => TitleKind })
  titleKind!: TitleKind;

  /** For LEARNING_COMMUNITY: the level of the units counted. */
  @Enum({ items: () => UnitLevel, nullable: true })
  unitLevel: UnitLevel | null = null;

  @Enum({ items: () => TargetPopulation })
  population!: TargetPopulation;

  /** The year the share is to be reached by (end of that year). */
  @Property({ type: 'integer' })
  targetYear!: number;

  /** A fraction from 0 to 1. */
  @Property({ type: new DecimalType('number'), precision: 5, scale: 4 })
  share!: number;

  /** The texts setting it, e.g. "387/QĐ-TTg". */
  @Property({ type: 'string', length: 200 })
  basis!: string;

  @Property({ type: 'string', length: 500 })
  labelVi!: string;

  @Property({ type: 'string', length: 500 })
  labelEn!: string;
}
